from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hub.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from django.urls import reverse

        import hub.notifications.data_rights  # noqa: F401  (registers its export and closer)
        from hub.core import due_work
        from hub.notifications import kinds
        from hub.notifications.models import Announcement, NotificationEmail
        from hub.notifications.services import send_claimed_emails

        due_work.register(NotificationEmail, send_claimed_emails, limit=2000)
        kinds.register_kind(
            "announcement",
            label="Announcements from the programme team",
            text="Announcement: {title}",
            # One way to announce: in the bell, and in the next digest's "For you" (once,
            # while unread) for anyone who has not seen it in the hub by then.
            default=kinds.Channel.DIGEST,
            order=90,
        )
        kinds.register_target(
            Announcement,
            describe=lambda a: (a.title, reverse("notifications:announcement", args=[a.pk])),
        )
