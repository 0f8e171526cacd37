"""Digest tasks: thin wrappers around the services.

``send_batch`` is late-acknowledged: if its worker dies, Redis hands it to another worker,
and claiming makes the second run send only what the first had not claimed. Every task is
time-limited far inside the broker's visibility timeout.
"""

from celery import shared_task

from hub.digests import services


@shared_task(acks_late=True)
def start_due_runs():
    """Beat, every quarter of an hour: start the runs that are due (idempotent)."""
    return [run.pk for run in services.start_due_runs()]


@shared_task(
    acks_late=True,
    time_limit=services.BATCH_TIME_LIMIT,
    soft_time_limit=services.BATCH_SOFT_TIME_LIMIT,
)
def send_batch(delivery_ids):
    """Claim, render and send one batch of deliveries over one SMTP connection."""
    return services.send_batch(delivery_ids)


@shared_task(acks_late=True)
def sweep():
    """Beat, every minute: re-offer stale claims and failed sends that are due."""
    return services.sweep()
