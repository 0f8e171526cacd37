from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "hub.partnerships"
    label = "partnerships"
    verbose_name = "Partnership spaces"

    def ready(self):
        import hub.partnerships.data_rights  # noqa: F401  (registers its export and closer)
