from django.apps import AppConfig


class LearningConfig(AppConfig):
    """The learning loop: each partnership's learning framework (indicators and reflection
    meetings), what went well, and later the voice bank, drafts for comment and the harvest."""

    name = "hub.learning"
    label = "learning"
    verbose_name = "The learning loop"
