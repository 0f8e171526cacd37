"""What events hold about a person, and what closing their account does to it."""

from django.utils import timezone

from events.models import (
    CalendarFeed,
    EventPage,
    Feedback,
    HostOffer,
    Registration,
    TopicIdea,
    TopicSupport,
)
from events.services import cancel
from hub.core import data_rights
from hub.core.data_rights import Table


def close(person, *, keep, by):
    """Cancel every registration for an event still to come through the one registration
    service (the waiting list moves up); an idea that became an event stays as a former
    member's."""
    upcoming = EventPage.objects.filter(end__gte=timezone.now()).values("pk")
    for registration in Registration.objects.filter(person=person, event__in=upcoming).exclude(
        status=Registration.Status.CANCELLED
    ):
        cancel(registration, by=by)
    if not keep:
        TopicIdea.objects.filter(proposed_by=person, scheduled_event__isnull=True).delete()
    HostOffer.objects.filter(offered_by=person).update(offered_by=None)


data_rights.register(
    "events",
    tables=[
        Table(
            "registrations",
            Registration,
            "person",
            "status queued_at created_at attended",
            event="event__title",
            event_starts="event__start",
        ),
        Table(
            "feedback",
            Feedback,
            "person",
            "rating valuable next_wanted created_at",
            event="event__title",
        ),
        Table("topic_ideas", TopicIdea, "proposed_by", "title description status created_at"),
        Table("topic_support", TopicSupport, "person", "created_at", idea="idea__title"),
        Table("host_offers", HostOffer, "offered_by", "note created_at", idea="idea__title"),
        Table("calendar_feeds", CalendarFeed, "person", "pk"),
    ],
    remove=[(CalendarFeed, "person")],
    remove_unless_kept=[(Feedback, "person"), (TopicSupport, "person"), (HostOffer, "offered_by")],
    close=close,
)
