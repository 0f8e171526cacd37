from celery import shared_task

from hub.questions import services


@shared_task(acks_late=True)
def send_answer_notices():
    """Beat, every few minutes: batched emails of new answers to followers.

    Idempotent (rows are claimed, then marked sent), so late acknowledgement is safe.
    """
    return services.send_due_answer_notices()
