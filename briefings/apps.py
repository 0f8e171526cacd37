from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"
    verbose_name = "Thematic briefings"

    def ready(self):
        import briefings.data_rights  # noqa: F401  (registers its export and closer)
        from briefings.models import BriefingResponse
        from hub.notifications.kinds import register_target

        register_target(
            BriefingResponse,
            describe=lambda r: (r.page.title, r.get_absolute_url()),
            select_related=("page",),
        )
        from briefings.review import signals

        signals.connect()
