"""Events' Celery tasks. Reminders are due work: beat runs them every minute with every other
kind in ``hub.core.tasks.run_due_work`` (see hub/celery.py)."""

from celery import shared_task


@shared_task(acks_late=True)
def send_due_reminders():
    """Claim and send due reminders alone. Idempotent: claimed or sent rows are never sent
    again. Kept so a task queued under this name before the one due-work task still runs."""
    from events.services import sweep_reminders

    return sweep_reminders()
