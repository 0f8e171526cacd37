from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "hub.questions"
    label = "questions"
    verbose_name = "Questions across projects"

    def ready(self):
        from hub.core import due_work
        from hub.questions.models import AnswerNotice
        from hub.questions.services import send_claimed_notices

        # Up to 2,000 notices a run: one email per follower, well inside the task's time limit.
        due_work.register(AnswerNotice, send_claimed_notices, limit=2000)
