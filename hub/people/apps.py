from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "hub.people"
    label = "people"
    verbose_name = "People and partnerships"

    def ready(self):
        import hub.people.closing  # noqa: F401  (registers the account's export)
        from hub.people import signals  # noqa: F401
