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


def export(person):
    return {
        "registrations": data_rights.rows(
            Registration.objects.filter(person=person),
            "status",
            "queued_at",
            "created_at",
            "attended",
            event="event__title",
            event_starts="event__start",
        ),
        "feedback": data_rights.rows(
            Feedback.objects.filter(person=person),
            "rating",
            "valuable",
            "next_wanted",
            "created_at",
            event="event__title",
        ),
        "topic_ideas": data_rights.rows(
            TopicIdea.objects.filter(proposed_by=person),
            "title",
            "description",
            "status",
            "created_at",
        ),
        "topic_support": data_rights.rows(
            TopicSupport.objects.filter(person=person), "created_at", idea="idea__title"
        ),
        "host_offers": data_rights.rows(
            HostOffer.objects.filter(offered_by=person), "note", "created_at", idea="idea__title"
        ),
        "calendar_feeds": data_rights.rows(CalendarFeed.objects.filter(person=person), "pk"),
    }


def close(person, *, keep, by):
    """Cancel every registration for an event still to come through the one registration
    service (the waiting list moves up); the calendar feed goes; what they wrote stays as a
    former member's or goes."""
    upcoming = EventPage.objects.filter(end__gte=timezone.now()).values("pk")
    for registration in Registration.objects.filter(person=person, event__in=upcoming).exclude(
        status=Registration.Status.CANCELLED
    ):
        cancel(registration, by=by)
    CalendarFeed.objects.filter(person=person).delete()
    if not keep:
        Feedback.objects.filter(person=person).delete()
        TopicSupport.objects.filter(person=person).delete()
        TopicIdea.objects.filter(proposed_by=person, scheduled_event__isnull=True).delete()
        HostOffer.objects.filter(offered_by=person).delete()
    HostOffer.objects.filter(offered_by=person).update(offered_by=None)


data_rights.register("events", export=export, close=close)
