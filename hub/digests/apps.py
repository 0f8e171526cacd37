from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "hub.digests"
    label = "digests"
    verbose_name = "Digests"
