"""The health check (what the hub depends on, and whether it can serve), documents, and
"thanks"."""

import logging
import uuid

from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wagtail.documents.views.serve import serve as wagtail_serve

from hub.core import thanks
from hub.core.private_files.responses import as_safe_download
from hub.core.services import ServiceError
from hub.people.decorators import member_required

logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_cache():
    # Through the hub's own cache, so a Redis that is down reads as a miss here too.
    token = uuid.uuid4().hex
    cache.set("hub:healthz", token, 30)
    if cache.get("hub:healthz") != token:
        raise ConnectionError("the cache does not keep what it is given")
    return "ok"


def _check_broker():
    from hub.celery import app

    if app.conf.task_always_eager:
        return "not used"  # tasks run in the web process (the demo, most tests)
    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0)
    return "ok"


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


def healthz(request):
    """For the proxy, docker compose and an operator: each dependency, then the whole.

    Answers 200 while the database answers, since the hub can serve (without Redis the cache
    is a miss and emails wait in the outbox); ``status`` is ``ok`` or ``degraded`` and each
    check says ``ok`` or ``down``. Answers 503 (``down``) when the database does not. Errors
    are logged, not shown: the page is public.
    """
    checks = {}
    for name, check in CHECKS.items():
        try:
            checks[name] = {"status": check()}
        except Exception as error:
            logger.warning("Health check: the %s is down: %r", name, error)
            checks[name] = {"status": "down", "error": type(error).__name__}
    if checks["database"]["status"] == "down":
        overall, code = "down", 503
    elif any(check["status"] == "down" for check in checks.values()):
        overall, code = "degraded", 200
    else:
        overall, code = "ok", 200
    return JsonResponse({"status": overall, "checks": checks}, status=code)


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (its privacy checks and the hub's before_serve_document hooks),
    with every file served as a download that runs nothing: an HTML or SVG upload never runs
    on the hub's origin. WAGTAILDOCS_INLINE_CONTENT_TYPES is empty, so Wagtail itself sends
    every document as an attachment."""
    response = wagtail_serve(request, document_id, document_filename)
    if response.status_code in (200, 206, 304) and response.has_header("Content-Disposition"):
        as_safe_download(response)
    return response


@require_POST
@member_required
def thank(request, kind, pk):
    """Say thanks for an answer, a response or a note, or take it back (no JavaScript)."""
    model = thanks.model_for(kind)
    if model is None:
        raise Http404
    target = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    try:
        now = thanks.toggle(request.user, target)
    except ServiceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Thank you sent." if now else "Thanks taken back.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = target.get_absolute_url()
    return redirect(back)
