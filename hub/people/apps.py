from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "hub.people"
    label = "people"
    verbose_name = "People and partnerships"

    def ready(self):
        from hub.people import signals  # noqa: F401
