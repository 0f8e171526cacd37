"""Core tasks: delivering one email, and the worker's heartbeat for its liveness check."""

import base64

from django.core.cache import cache
from django.utils import timezone

from celery import shared_task

from hub.core.mail import RenderedEmail, build_message

HEARTBEAT_KEY = "hub:worker-heartbeat"


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def deliver_email(*, subject, text, html, to, headers, attachments):
    """Send one rendered email. Not late-acknowledged: a re-run would send it twice."""
    message = build_message(
        RenderedEmail(subject=subject, text=text, html=html),
        to,
        headers=headers,
        attachments=[(n, base64.b64decode(c), m) for n, c, m in attachments],
    )
    message.send()


@shared_task(acks_late=True)
def heartbeat():
    """Beat runs this every minute; ``manage.py worker_health`` checks it ran recently."""
    cache.set(HEARTBEAT_KEY, timezone.now().isoformat(), timeout=60 * 10)
    return True


@shared_task(acks_late=True)
def ping(value):
    """A harmless round trip used by the health check and the tests."""
    return {"pong": value}
