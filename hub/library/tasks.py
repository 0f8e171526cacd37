"""The library's scheduled work (thin: the rules live in services)."""

from celery import shared_task

from hub.library import services


@shared_task(acks_late=True)
def remind_consent_reviews():
    """Daily: remind sharers of stories whose consent is due for review (idempotent)."""
    return services.remind_due_consent_reviews()
