from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "hub.questions"
    label = "questions"
    verbose_name = "Questions across projects"

    def ready(self):
        import hub.questions.data_rights  # noqa: F401  (registers its export and closer)
        from hub.core import due_work
        from hub.questions.models import AnswerNotice
        from hub.questions.services import send_claimed_notices

        # Up to 2,000 notices a run: one email per follower, well inside the task's time limit.
        due_work.register(AnswerNotice, send_claimed_notices, limit=2000)
        self.register_notifications()

    def register_notifications(self):
        from hub.notifications.kinds import Channel, register_kind, register_target
        from hub.questions.models import Answer, Question
        from hub.questions.services import answer_notice_delay

        register_target(Question, describe=lambda q: (q.title, q.get_absolute_url()))
        register_target(
            Answer,
            describe=lambda a: (a.question.title, a.get_absolute_url()),
            select_related=("question",),
        )
        # Answers keep their batched email (AnswerNotice): answers close together, one email.
        register_kind(
            "answer",
            label="Answers to my questions and to questions I follow",
            text="{actor} answered “{title}”",
            own_email=True,
            email_delay=answer_notice_delay(),
            hint="Emails wait a few minutes, so answers close together come in one email.",
            order=10,
        )
        register_kind(
            "accepted",
            label="My answer accepted",
            text="{actor} marked your answer to “{title}” as the one that helped",
            default=Channel.HUB,
            order=11,
        )
        register_kind(
            "mention",
            label="Someone mentions me",
            text="{actor} mentioned you in “{title}”",
            own_email=True,
            order=12,
        )
