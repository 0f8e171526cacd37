from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "hub.questions"
    label = "questions"
    verbose_name = "Questions across projects"
