"""Core tasks: sending the outbox, running due work, and the worker's heartbeat."""

import base64

from django.core.cache import cache
from django.utils import timezone

from celery import shared_task

from hub.core import due_work
from hub.core.mail import RenderedEmail, build_message, send_outbox
from hub.core.private_files import kept

HEARTBEAT_KEY = "hub:worker-heartbeat"


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def deliver_email(*, subject, text, html, to, headers, attachments):
    """Send one rendered email (the pipeline before the outbox; kept so that tasks queued
    before an upgrade still go). Not late-acknowledged: a re-run would send it twice."""
    message = build_message(
        RenderedEmail(subject=subject, text=text, html=html),
        to,
        headers=headers,
        attachments=[(n, base64.b64decode(c), m) for n, c, m in attachments],
    )
    message.send()


@shared_task(acks_late=True)
def send_outgoing_email(pk):
    """The outbox's fast path, queued when the email's transaction commits: claim and send it.

    Idempotent (the claim lets only one sender have the row, and a sent row is done), so late
    acknowledgement is safe: a worker lost mid-send is replaced by a re-run or by the sweep.
    """
    from hub.core.models import OutgoingEmail

    return send_outbox(OutgoingEmail.objects.filter(pk=pk))


# Killed just before HUB_DUE_WORK_STALE_AFTER, so a live run never loses its claims.
RUN_DUE_WORK_TIME_LIMIT = due_work.time_limit()


@shared_task(
    acks_late=True,
    time_limit=RUN_DUE_WORK_TIME_LIMIT,
    soft_time_limit=due_work.soft_time_limit(),
)
def run_due_work():
    """Beat, every minute: claim and run the due rows of every registered kind.

    Idempotent (rows are claimed, then marked done with their email), so late acknowledgement
    is safe. Returns how many each kind sent, by model label.
    """
    return due_work.run_all()


@shared_task(acks_late=True)
def heartbeat():
    """Beat runs this every minute; ``manage.py worker_health`` checks it ran recently."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), timeout=60 * 10)
    kept.sweep()
    return True


@shared_task(acks_late=True)
def ping(value):
    """A harmless round trip used by the health check and the tests."""
    return {"pong": value}
