"""Reporting content (any member) and the moderation queue (programme officers)."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hub.core.ratelimit import rate_limited
from hub.core.services import ServiceError, apply_service_error
from hub.moderation import services
from hub.moderation.forms import HideForm, ReportForm
from hub.moderation.models import Moderated, Report, moderated_models
from hub.people.decorators import member_required, officer_required


def _content_or_404(content_type_id, object_id):
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = content_type.model_class()
    if model is None or not issubclass(model, Moderated):
        raise Http404
    try:
        return model._base_manager.get(pk=object_id)
    except model.DoesNotExist:
        raise Http404 from None


@member_required
@rate_limited("report")
def report(request, content_type_id, object_id):
    content = _content_or_404(content_type_id, object_id)
    can_view = getattr(content, "can_view", None)
    if (can_view is not None and not can_view(request.user)) or content.is_hidden:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_content(content, by=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as error:
            apply_service_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Thank you. A programme officer will look at what you reported."
            )
            return redirect(content.get_absolute_url() if not content.is_hidden else "/")
    return render(
        request,
        "moderation/report.html",
        {"content": content, "form": form},
        status=400 if form.errors else 200,
    )


@officer_required
def queue(request):
    """Reported content (most reported first), then everything hidden."""
    open_reports = (
        Report.objects.open()
        .values("content_type", "object_id")
        .annotate(count=Count("pk"), latest=Max("created_at"))
        .order_by("-count", "-latest")
    )
    wanted = defaultdict(set)
    for row in open_reports:
        wanted[row["content_type"]].add(row["object_id"])
    hidden = []
    for model in moderated_models():
        hidden_items = model._base_manager.select_related(*model.moderation_related)
        for item in hidden_items.filter(hidden_at__isnull=False).order_by("-hidden_at"):
            hidden.append(item)
    contents = {}
    for ct_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            continue
        for item in model._base_manager.select_related(*model.moderation_related).filter(
            pk__in=ids
        ):
            contents[(ct_id, item.pk)] = item
    reasons = defaultdict(list)
    for report_row in Report.objects.open().select_related("reported_by"):
        reasons[(report_row.content_type_id, report_row.object_id)].append(report_row)

    def entry(ct_id, item):
        return {
            "content": item,
            "content_type_id": ct_id,
            "reports": reasons.get((ct_id, item.pk), []),
            "hide_form": HideForm(auto_id=f"id_hide_{ct_id}_{item.pk}_%s"),
        }

    reported = [
        entry(row["content_type"], contents[(row["content_type"], row["object_id"])])
        for row in open_reports
        if (row["content_type"], row["object_id"]) in contents
    ]
    reported_keys = {(e["content_type_id"], e["content"].pk) for e in reported}
    hidden_entries = []
    for item in hidden:
        ct_id = ContentType.objects.get_for_model(item).pk
        if (ct_id, item.pk) not in reported_keys:
            hidden_entries.append(entry(ct_id, item))
    return render(
        request, "moderation/queue.html", {"reported": reported, "hidden": hidden_entries}
    )


@require_POST
@officer_required
def hide(request, content_type_id, object_id):
    content = _content_or_404(content_type_id, object_id)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a reason for hiding: the author will see it.")
        return redirect("moderation:queue")
    services.hide(content, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, f"Hidden: {content.moderation_title}. The author has been told.")
    return redirect("moderation:queue")


@require_POST
@officer_required
def restore(request, content_type_id, object_id):
    content = _content_or_404(content_type_id, object_id)
    was_hidden = content.is_hidden
    services.restore(content, by=request.user)
    if was_hidden:
        messages.success(
            request, f"Restored: {content.moderation_title}. The author has been told."
        )
    else:
        messages.success(request, f"Kept: {content.moderation_title}. Its reports are closed.")
    return redirect("moderation:queue")
