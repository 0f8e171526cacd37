"""Events' Celery tasks. Reminders are rows swept every minute by beat (see hub/celery.py)."""

from celery import shared_task


@shared_task(acks_late=True)
def send_due_reminders():
    """Claim and send due reminders. Idempotent: claimed or sent rows are never sent again."""
    from events.services import sweep_reminders

    return sweep_reminders()
