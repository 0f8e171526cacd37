from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "hub.digests"
    label = "digests"
    verbose_name = "Digests"

    def ready(self):
        import hub.digests.data_rights  # noqa: F401  (registers its export and closer)
