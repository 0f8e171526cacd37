"""Factories for events, shared by the tests and the demo seeder."""

from datetime import timedelta

from django.utils import timezone

import factory

from events.models import EventIndexPage, EventPage, Registration


def events_index():
    """The events index (made by migration; created here if a test removed it)."""
    index = EventIndexPage.objects.first()
    if index is None:
        from hub.core.models import HubHomePage

        home = HubHomePage.objects.first()
        index = EventIndexPage(title="Huddles, webinars and gatherings", slug="events")
        home.add_child(instance=index)
    return index


class EventPageFactory(factory.Factory):
    """Builds an EventPage and adds it, live, under the events index."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Huddle number {n}")
    summary = "A short online huddle to share what is working."
    kind = EventPage.Kind.HUDDLE
    start = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(microsecond=0)
    )
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=1))
    joining_link = "https://meet.example.org/huddle-secret-room"
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, themes=(), **kwargs):
        event = model_class(*args, **kwargs)
        (parent or events_index()).add_child(instance=event)
        if themes:
            event.themes.set(themes)
            event.save()  # parental M2M values are written on save
        return event


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration row written directly (for test set-up only; real ones use services)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventPageFactory)
    person = factory.SubFactory("hub.people.factories.UserFactory")
    status = Registration.Status.REGISTERED
