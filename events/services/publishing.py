"""The one publish handler, for every way an event page is published."""

from django.db import models, transaction
from django.utils import timezone

from events.models import LONDON, EventPage, Registration
from events.services.ideas import announce_scheduled_topics
from events.services.materials import keep_materials_with_their_audience
from events.services.messages import active_registrations, send_to_registrant
from events.services.registration import fill_from_waitlist
from events.services.reminders import schedule_reminders
from hub.notifications.services import notify

# What a publish compares: the values registrants have been told about.
TOLD_FIELDS = (
    "capacity",
    "end",
    "is_cancelled",
    "start",
    "venue_name",
    "venue_address",
    "joining_link",
)
PLACE_FIELDS = ("venue_name", "venue_address")


def live_state(event):
    """The event's live values of ``TOLD_FIELDS`` as stored now, or None if it is not live."""
    if not event.pk:
        return None
    return EventPage.objects.filter(pk=event.pk, live=True).values(*TOLD_FIELDS).first()


def event_published(event, *, previous=None):
    """The one publish handler, for every way an event page is published (the admin,
    scheduled publishing, :func:`create_event_page` and :func:`update_event_page`).

    ``previous`` holds the live values before this publish (see :func:`live_state`), or None
    when the page was not live. A group-only event's materials leave the library and their
    documents the public collection. Supporters of the ideas it came from hear it is on; people
    registered hear of a cancellation or a new time; added places move the waiting list up.
    A page scheduled to go live later is not live yet, so no one hears anything.
    """
    if not event.live:
        return
    keep_materials_with_their_audience(event)
    announce_scheduled_topics(event)
    if previous:
        event_changed(event, previous)


def event_changed(event, previous):
    """Called by :func:`event_published` when a live event is published again: tell people
    about a cancellation or a new time, or fill added places from the waiting list.

    ``previous`` holds the saved values before the change (start, end, is_cancelled, capacity).
    """
    cancelled_now = event.is_cancelled and not previous["is_cancelled"]
    moved = (event.start, event.end) != (previous["start"], previous["end"])
    if not (cancelled_now or moved):
        if event.capacity != previous["capacity"]:
            with transaction.atomic():
                locked = EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)
                fill_from_waitlist(locked)
        if not event.is_cancelled:
            _tell_of_new_details(event, previous)
        return
    EventPage.objects.filter(pk=event.pk).update(sequence=models.F("sequence") + 1)
    event.sequence += 1
    registrations = list(active_registrations(event))
    change = "cancelled" if cancelled_now else "the time has changed"
    told = notify([r.person for r in registrations], "event_changed", event, change=change)
    for registration in registrations:
        registration.event = event
        if cancelled_now:
            registration.reminders.filter(done_at__isnull=True).delete()
        elif registration.status == Registration.Status.REGISTERED:
            schedule_reminders(registration)
        # The event's own emails (with the calendar file) are the notification's email.
        if not told.wants_email(registration.person):
            continue
        if cancelled_now:
            send_to_registrant(registration, "events/email/event_cancelled", cancel=True)
        else:
            send_to_registrant(
                registration,
                "events/email/event_moved",
                extra={
                    "old_start": timezone.localtime(previous["start"], LONDON),
                    "old_end": timezone.localtime(previous["end"], LONDON),
                },
            )


def _tell_of_new_details(event, previous):
    """A new place or joining link: registered people hear of it (waitlisted people of a new
    place only: they have no joining link). The link itself is never in the notification."""
    place = any(getattr(event, f) != previous.get(f, getattr(event, f)) for f in PLACE_FIELDS)
    link = event.joining_link != previous.get("joining_link", event.joining_link)
    if not (place or link):
        return
    registrations = list(active_registrations(event))
    if place:
        people = [r.person for r in registrations]
        change = "the place has changed"
    else:
        people = [r.person for r in registrations if r.status == Registration.Status.REGISTERED]
        change = "the joining link has changed"
    told = notify(people, "event_changed", event, change=change)
    for registration in registrations:
        if told.wants_email(registration.person):
            registration.event = event
            send_to_registrant(
                registration, "events/email/details_changed", extra={"change": change}
            )
