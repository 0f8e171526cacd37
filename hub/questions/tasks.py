from celery import shared_task

from hub.questions import services


@shared_task(acks_late=True)
def send_answer_notices():
    """Batched emails of new answers to followers, alone. Beat runs them every minute with
    every other kind of due work (``hub.core.tasks.run_due_work``); this task is kept so one
    queued under its name still runs.

    Idempotent (rows are claimed, then marked done), so late acknowledgement is safe.
    """
    return services.send_due_answer_notices()
