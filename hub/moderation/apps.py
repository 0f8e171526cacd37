from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "hub.moderation"
    label = "moderation"
    verbose_name = "Moderation and safeguarding"

    def ready(self):
        from hub.notifications.kinds import register_kind

        # The content itself is registered as a target by the app that owns it.
        register_kind(
            "moderation",
            label="Something I shared is hidden or put back by moderation",
            text="Your {what} {outcome}: “{title}”",
            own_email=True,
            order=40,
        )
