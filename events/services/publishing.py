"""The one publish handler, for every way an event page is published."""

from django.db import models, transaction
from django.utils import timezone

from events.models import LONDON, EventPage, Registration
from events.services.ideas import announce_scheduled_topics
from events.services.materials import keep_materials_with_their_audience
from events.services.messages import active_registrations, send_to_registrant
from events.services.registration import fill_from_waitlist
from events.services.reminders import schedule_reminders

# What a publish compares: the values registrants have been told about.
TOLD_FIELDS = ("capacity", "end", "is_cancelled", "start")


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
        return
    EventPage.objects.filter(pk=event.pk).update(sequence=models.F("sequence") + 1)
    event.sequence += 1
    registrations = list(active_registrations(event))
    for registration in registrations:
        registration.event = event
        if cancelled_now:
            registration.reminders.filter(done_at__isnull=True).delete()
            send_to_registrant(registration, "events/email/event_cancelled", cancel=True)
        else:
            if registration.status == Registration.Status.REGISTERED:
                schedule_reminders(registration)
            send_to_registrant(
                registration,
                "events/email/event_moved",
                extra={
                    "old_start": timezone.localtime(previous["start"], LONDON),
                    "old_end": timezone.localtime(previous["end"], LONDON),
                },
            )
