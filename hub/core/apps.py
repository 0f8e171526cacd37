from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "core"
    verbose_name = "Hub core"
