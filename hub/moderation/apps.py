from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "hub.moderation"
    label = "moderation"
    verbose_name = "Moderation and safeguarding"
