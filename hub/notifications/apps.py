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
        from hub.notifications.context_processors import UNREAD
        from hub.notifications.models import Announcement, Notification, NotificationEmail
        from hub.notifications.services import send_claimed_emails
        from hub.people import roles

        due_work.register(NotificationEmail, send_claimed_emails, limit=2000)
        # The bell's unread count comes with the header's role checks, in one query.
        roles.register_count(UNREAD, Notification.objects.unread_of)
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
