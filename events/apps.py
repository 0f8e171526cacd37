from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Huddles, webinars and gatherings"

    def ready(self):
        from wagtail.signals import page_published

        from events.models import EventPage

        def announce(sender, instance, **kwargs):
            from events.services import announce_scheduled_topics

            announce_scheduled_topics(instance)

        page_published.connect(
            announce, sender=EventPage, weak=False, dispatch_uid="events-announce-topics"
        )

        from events.models import Reminder
        from events.services import send_claimed_reminders
        from hub.core import due_work

        due_work.register(Reminder, send_claimed_reminders, limit=200)
