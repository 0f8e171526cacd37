"""The library's scheduled work (thin: the rules live in services)."""

from celery import shared_task

from hub.library import services


@shared_task(acks_late=True)
def remind_consent_reviews():
    """Remind sharers of stories whose consent is due for review, alone (idempotent). Beat
    runs them with every other kind of due work (``hub.core.tasks.run_due_work``); this task
    is kept so one queued under its name still runs."""
    return services.remind_due_consent_reviews()
