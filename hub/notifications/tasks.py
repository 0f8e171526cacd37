"""Thin tasks: they call the services."""

from celery import shared_task

from hub.core import due_work


@shared_task(acks_late=True, time_limit=5 * 60, soft_time_limit=4 * 60 + 30)
def send_notification_emails():
    """Send the notification emails due now (queued when a notification's transaction
    commits; beat's due-work run sends whatever this misses). Idempotent: rows are claimed."""
    from hub.notifications.models import NotificationEmail

    return due_work.run(NotificationEmail)
