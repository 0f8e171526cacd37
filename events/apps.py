from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Huddles, webinars and gatherings"

    def ready(self):
        from django.db.models.signals import pre_save

        from wagtail.signals import page_published

        import events.data_rights  # noqa: F401  (registers its export and closer)
        from events.models import EventPage
        from events.queries import materials_using
        from hub.core.documents import register_document_users

        def remember_live_state(sender, instance, update_fields=None, **kwargs):
            # Publishing writes the whole page, so this is the last moment the values that
            # were live can be read. Only remembered here; the publish handler decides.
            if update_fields is None:
                from events.services import live_state

                instance._live_before_publish = live_state(instance)

        def published(sender, instance, **kwargs):
            from events.services import event_published

            event_published(instance, previous=instance.__dict__.pop("_live_before_publish", None))

        pre_save.connect(
            remember_live_state,
            sender=EventPage,
            weak=False,
            dispatch_uid="events-remember-live-state",
        )
        page_published.connect(
            published, sender=EventPage, weak=False, dispatch_uid="events-published"
        )

        from events.models import Reminder
        from events.services import send_claimed_reminders
        from hub.core import due_work

        due_work.register(Reminder, send_claimed_reminders, limit=200)

        # Serving a document asks the materials it is attached to.
        register_document_users(materials_using)
        self.register_notifications()

    def register_notifications(self):
        from events.models import EventPage
        from hub.notifications.kinds import register_kind, register_target

        register_target(EventPage, describe=lambda event: (event.title, event.url))
        # Both keep the events' own emails, which carry the calendar file.
        register_kind(
            "promoted",
            label="A place comes up for me from a waiting list",
            text="A place has come up for you at “{title}”: you are registered",
            own_email=True,
            order=20,
        )
        register_kind(
            "event_changed",
            label="An event I am going to changes or is cancelled",
            text="“{title}”: {change}",
            own_email=True,
            hint="A new time, place or joining link, or a cancellation.",
            order=21,
        )
