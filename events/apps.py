from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Huddles, webinars and gatherings"

    def ready(self):
        from wagtail.signals import page_published

        from events.models import EventPage
        from events.queries import materials_using
        from hub.core.documents import register_document_users

        def announce(sender, instance, **kwargs):
            from events.services import announce_scheduled_topics

            announce_scheduled_topics(instance)

        def keep_materials_private(sender, instance, **kwargs):
            from events.services import keep_materials_with_their_audience

            keep_materials_with_their_audience(instance)

        page_published.connect(
            announce, sender=EventPage, weak=False, dispatch_uid="events-announce-topics"
        )
        page_published.connect(
            keep_materials_private,
            sender=EventPage,
            weak=False,
            dispatch_uid="events-keep-materials-private",
        )
        # Serving a document asks the materials it is attached to.
        register_document_users(materials_using)
