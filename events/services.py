"""The rules that change events' state. Views, admin actions, tasks and commands call these."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from events.models import (
    LONDON,
    CalendarFeed,
    EventIndexPage,
    EventMaterial,
    EventPage,
    Feedback,
    Registration,
    Reminder,
    TopicIdea,
    TopicSupport,
)
from hub.core import documents
from hub.core.mail import send_email
from hub.people import roles

# Topic ideas -----------------------------------------------------------------------------


def propose_topic_idea(person, title, description="", origin_page=None, themes=()):
    """A member proposes an idea for a future huddle or webinar (and supports it themselves)."""
    if not roles.is_member(person):
        raise PermissionDenied("Only programme members can propose topics.")
    with transaction.atomic():
        idea = TopicIdea.objects.create(
            title=title.strip(),
            description=description.strip(),
            proposed_by=person,
            origin_page=origin_page,
        )
        if themes:
            idea.themes.set(themes)
        TopicSupport.objects.create(idea=idea, person=person)
    return idea


def support_topic_idea(person, idea):
    """Add this person's support (once). Returns True if it was new."""
    if not roles.is_member(person):
        raise PermissionDenied("Only programme members can support topics.")
    try:
        with transaction.atomic():
            TopicSupport.objects.create(idea=idea, person=person)
    except IntegrityError:
        return False
    return True


def withdraw_topic_support(person, idea):
    """Take back this person's support. Returns True if there was one."""
    deleted, _ = TopicSupport.objects.filter(idea=idea, person=person).delete()
    return bool(deleted)


def set_topic_status(idea, status, *, by):
    """Officers mark an idea planned or declined (scheduling happens via ``schedule_topic``)."""
    if not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can change a topic's status.")
    idea.status = status
    idea.save(update_fields=["status"])
    return idea


def draft_event_from_topic(idea, *, by, index_page=None):
    """Create a draft event pre-filled from the idea; the officer finishes it in the editor.

    The idea becomes "planned" and points at the draft; supporters hear when it is published.
    """
    if not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can turn ideas into events.")
    index_page = index_page or EventIndexPage.objects.first()
    with transaction.atomic():
        idea = TopicIdea.objects.select_for_update().get(pk=idea.pk)
        if idea.scheduled_event_id:
            return idea.scheduled_event
        start = (timezone.now() + timedelta(days=28)).replace(
            hour=12, minute=0, second=0, microsecond=0
        )
        event = EventPage(
            title=idea.title,
            summary=(idea.description or idea.title)[:500],
            kind=EventPage.Kind.HUDDLE,
            start=start,
            end=start + timedelta(hours=1),
            live=False,
            owner=by,
        )
        index_page.add_child(instance=event)
        event.themes.set(idea.themes.all())
        event.save_revision(user=by)
        idea.scheduled_event = event
        idea.status = TopicIdea.Status.PLANNED
        idea.save(update_fields=["scheduled_event", "status"])
    return event


def announce_scheduled_topics(event):
    """When an event made from ideas goes live, mark them scheduled and tell their supporters."""
    ideas = list(
        TopicIdea.objects.filter(scheduled_event=event).exclude(status=TopicIdea.Status.SCHEDULED)
    )
    for idea in ideas:
        idea.status = TopicIdea.Status.SCHEDULED
        idea.save(update_fields=["status"])
        supporters = (
            get_user_model().objects.filter(topic_supports__idea=idea, is_active=True).distinct()
        )
        for person in supporters:
            if event.can_view(person):
                send_email(
                    "events/email/topic_scheduled",
                    person.email,
                    {"person": person, "idea": idea, "event": event},
                )
    return ideas


# Registration ----------------------------------------------------------------------------


class RegistrationError(Exception):
    """A registration that cannot happen, with a message to show the person."""


def can_register_for(by, person):
    """Anyone for themselves; a lead for people in a partnership they lead; officers for all."""
    if by.pk == person.pk:
        return roles.is_member(by)
    if roles.is_officer(by):
        return True
    return (
        roles.is_member(by)
        and roles.led_partnerships(by).filter(memberships__person=person).exists()
    )


def register(person, event, *, by=None, now=None):
    """Register ``person`` for ``event``, or put them on the waitlist when it is full.

    The one way in (the button, a lead registering colleagues, officers' admin actions).
    The event row is locked, places re-counted and the registration written in one
    transaction, so concurrent registrations can never overbook.
    """
    by = by or person
    now = now or timezone.now()
    if not roles.is_member(person):
        raise RegistrationError("Only programme members can register.")
    if not can_register_for(by, person):
        raise PermissionDenied("You cannot register this person.")
    if not event.can_view(person):
        raise RegistrationError("This event is not open to this person.")
    with transaction.atomic():
        locked = EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)
        if not locked.live or locked.is_cancelled:
            raise RegistrationError("This event is not taking registrations.")
        if not locked.registration_is_open(now) and not roles.is_officer(by):
            if locked.registration_opens_at and now < locked.registration_opens_at:
                raise RegistrationError("Registration has not opened yet.")
            raise RegistrationError("Registration has closed.")
        existing = Registration.objects.filter(event=locked, person=person).first()
        if existing and existing.status != Registration.Status.CANCELLED:
            return existing
        taken = Registration.objects.filter(
            event=locked, status=Registration.Status.REGISTERED
        ).count()
        has_place = locked.capacity is None or taken < locked.capacity
        status = Registration.Status.REGISTERED if has_place else Registration.Status.WAITLISTED
        registration = existing or Registration(event=locked, person=person)
        registration.status = status
        registration.queued_at = now
        registration.registered_by = None if by.pk == person.pk else by
        registration.attended = None
        registration.save()
        if status == Registration.Status.REGISTERED:
            schedule_reminders(registration, now=now)
            _send_to_registrant(registration, "events/email/registered")
        else:
            _send_to_registrant(registration, "events/email/waitlisted", attach=False)
    return registration


def cancel(registration, *, by=None, now=None):
    """Cancel a registration or leave the waitlist; the first on the waitlist takes the place.

    Returns the list of registrations promoted from the waitlist.
    """
    by = by or registration.person
    if by.pk != registration.person_id and not (
        roles.is_officer(by) or can_register_for(by, registration.person)
    ):
        raise PermissionDenied("You cannot cancel this registration.")
    with transaction.atomic():
        event = EventPage.objects.select_for_update(of=("self",)).get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return []
        was_registered = registration.status == Registration.Status.REGISTERED
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        registration.reminders.filter(sent_at__isnull=True).delete()
        _send_to_registrant(registration, "events/email/cancelled_registration", attach=False)
        if was_registered:
            return fill_from_waitlist(event, now=now)
    return []


def fill_from_waitlist(event, *, now=None):
    """Promote waitlisted people, first come first served, while there are places.

    Call with the event row locked (``register``/``cancel`` do); returns those promoted.
    """
    now = now or timezone.now()
    if event.is_cancelled or event.end < now:
        return []
    promoted = []
    taken = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()
    queue = Registration.objects.filter(
        event=event, status=Registration.Status.WAITLISTED
    ).order_by("queued_at", "pk")
    for registration in queue:
        if event.capacity is not None and taken >= event.capacity:
            break
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        schedule_reminders(registration, now=now)
        _send_to_registrant(registration, "events/email/promoted")
        promoted.append(registration)
        taken += 1
    return promoted


def increase_capacity(event, capacity, *, by):
    """Officers add places; the waitlist moves up at once."""
    if not roles.is_officer(by):
        raise PermissionDenied
    with transaction.atomic():
        locked = EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        return fill_from_waitlist(locked)


def mark_attendance(event, attended_ids, *, by):
    """Officers record who came (registered people not ticked are marked as absent)."""
    if not roles.is_programme_team(by):
        raise PermissionDenied
    with transaction.atomic():
        registered = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        registered.filter(pk__in=attended_ids).update(attended=True)
        registered.exclude(pk__in=attended_ids).update(attended=False)


REMINDER_OFFSETS = {
    Reminder.Kind.DAY_BEFORE: timedelta(hours=24),
    Reminder.Kind.HOUR_BEFORE: timedelta(hours=1),
}


def schedule_reminders(registration, *, now=None):
    """(Re)set this registration's reminder rows from the event's start; past ones are skipped."""
    now = now or timezone.now()
    start = registration.event.start
    for kind, offset in REMINDER_OFFSETS.items():
        due_at = start - offset
        if due_at <= now:
            Reminder.objects.filter(
                registration=registration, kind=kind, sent_at__isnull=True
            ).delete()
            continue
        Reminder.objects.update_or_create(
            registration=registration,
            kind=kind,
            defaults={"due_at": due_at, "claimed_at": None, "sent_at": None},
        )


def send_reminder(reminder, *, now=None):
    """Send one claimed reminder and mark it sent in the same transaction (mail goes on commit)."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(sent_at=now)
        if not updated:
            return False
        _send_to_registrant(
            reminder.registration,
            "events/email/reminder",
            extra={"reminder": reminder},
            joining_link=True,
        )
    return True


# Changes and messages --------------------------------------------------------------------


def active_registrations(event):
    return Registration.objects.filter(
        event=event,
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
    ).select_related("person", "event")


def event_changed(event, previous):
    """Called after a live event is saved: tell people about a cancellation or new time.

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
            registration.reminders.filter(sent_at__isnull=True).delete()
            _send_to_registrant(registration, "events/email/event_cancelled", cancel=True)
        else:
            if registration.status == Registration.Status.REGISTERED:
                schedule_reminders(registration)
            _send_to_registrant(
                registration,
                "events/email/event_moved",
                extra={
                    "old_start": timezone.localtime(previous["start"], LONDON),
                    "old_end": timezone.localtime(previous["end"], LONDON),
                },
            )


def message_registrants(event, *, subject, message, by, include_waitlist=False):
    """An officer writes to everyone registered (and optionally the waitlist)."""
    if not roles.is_programme_team(by):
        raise PermissionDenied
    registrations = active_registrations(event)
    if not include_waitlist:
        registrations = registrations.filter(status=Registration.Status.REGISTERED)
    count = 0
    for registration in registrations:
        _send_to_registrant(
            registration,
            "events/email/message",
            extra={"subject": subject, "message": message, "sender": by},
            attach=False,
        )
        count += 1
    return count


def _send_to_registrant(
    registration, prefix, *, extra=None, attach=True, joining_link=False, cancel=False
):
    from events.calendars import event_ics

    event = registration.event
    person = registration.person
    registered = registration.status == Registration.Status.REGISTERED
    context = {
        "person": person,
        "event": event,
        "registration": registration,
        # Only registered people ever get the joining link, and only in reminders.
        "joining_link": event.joining_link if (joining_link and registered) else "",
        **(extra or {}),
    }
    attachments = []
    if attach:
        attachments.append(
            (
                "event.ics",
                event_ics(event, with_joining_link=registered, cancelled=cancel),
                "text/calendar",
            )
        )
    send_email(prefix, person.email, context, attachments=attachments)


# After the event -------------------------------------------------------------------------


def add_material(event, *, kind, title, by, url="", document=None, notes=""):
    """An officer adds a recording, slides or notes. It stays with the event's audience: an
    attached document goes into the restricted collection (materials are never public), and
    recordings and notes are filed in the shared library (programme-only, linked to the
    event) unless the event is group-only, whose materials never leave the event page."""
    if not roles.is_programme_team(by):
        raise PermissionDenied
    with transaction.atomic():
        material = EventMaterial.objects.create(
            event=event,
            kind=kind,
            title=title,
            url=url,
            document=document,
            notes=notes,
            added_by=by,
        )
        documents.restrict(document)
        if kind in (EventMaterial.Kind.RECORDING, EventMaterial.Kind.NOTES) and (
            not event.is_group_only
        ):
            _file_in_library(event, material, by)
    return material


def keep_materials_with_their_audience(event):
    """After an event is published: its documents stay restricted, and once it is group-only
    nothing of it stays in the shared library (e.g. a programme huddle made a set's)."""
    for material in event.materials.exclude(document=None).select_related("document"):
        documents.restrict(material.document)
    if event.is_group_only:
        _unfile_from_library(event)


def _unfile_from_library(event):
    try:
        from hub.library.services import unfile_event_materials
    except ImportError:
        return 0
    return unfile_event_materials(event)


def _file_in_library(event, material, by):
    try:
        from hub.library.services import file_event_material
    except ImportError:
        return None
    file = material.document.file if material.document else None
    return file_event_material(
        event,
        title=material.title,
        kind=material.kind,
        url=material.url,
        file=file,
        shared_by=by,
    )


def submit_feedback(event, person, *, rating, valuable="", next_wanted=""):
    """Attendees (registered people, once the event has started) say how it went; once each."""
    if not Registration.objects.filter(
        event=event, person=person, status=Registration.Status.REGISTERED
    ).exists():
        raise PermissionDenied("Only people who registered can give feedback.")
    if event.start > timezone.now():
        raise PermissionDenied("Feedback opens when the event starts.")
    feedback, _ = Feedback.objects.update_or_create(
        event=event,
        person=person,
        defaults={"rating": rating, "valuable": valuable, "next_wanted": next_wanted},
    )
    return feedback


# Calendar feeds --------------------------------------------------------------------------


def calendar_feed_for(person):
    """This person's secret calendar feed (created on first use)."""
    feed, _ = CalendarFeed.objects.get_or_create(person=person)
    return feed


def revoke_calendar_feed(person):
    """Replace the secret token: the old address stops working at once."""
    from events.models import _new_feed_token

    feed = calendar_feed_for(person)
    feed.token = _new_feed_token()
    feed.save(update_fields=["token"])
    return feed


# Series ----------------------------------------------------------------------------------


def generate_occurrences(series, *, index_page=None, by=None):
    """Create (and publish) an event page for each occurrence of the series not yet made."""
    from events.series import occurrences

    index_page = index_page or EventIndexPage.objects.first()
    existing = set(
        EventPage.objects.filter(series=series).values_list("series_occurrence", flat=True)
    )
    created = []
    for start in occurrences(series):
        if start in existing:
            continue
        local = timezone.localtime(start, series.tz)
        title = f"{series.title}: {local:%-d %B %Y}"
        event = EventPage(
            title=title,
            slug=slugify(f"{series.title}-{local:%Y-%m-%d}")[:255],
            kind=series.kind,
            summary=series.summary or series.title,
            start=start,
            end=start + series.duration,
            format=series.format,
            joining_link=series.joining_link,
            capacity=series.capacity,
            audience=series.audience,
            series=series,
            series_occurrence=start,
            owner=by,
        )
        with transaction.atomic():
            index_page.add_child(instance=event)
            event.themes.set(series.themes.all())
            event.save_revision(user=by).publish()
        created.append(event)
    return created


# The reminder sweep ----------------------------------------------------------------------

# A claim older than this belongs to a worker that died; the row may be claimed again.
STALE_CLAIM = timedelta(minutes=10)


def claim_due_reminders(*, now=None, limit=200):
    """Claim reminders that are due, so no other sweep takes them. Returns the claimed ids."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(
                models.Q(claimed_at__isnull=True) | models.Q(claimed_at__lt=now - STALE_CLAIM),
                sent_at__isnull=True,
                due_at__lte=now,
            )
            .order_by("due_at")
            .values_list("pk", flat=True)[:limit]
        )
        Reminder.objects.filter(pk__in=ids).update(claimed_at=now)
    return ids


def sweep_reminders(*, now=None, limit=200):
    """Send every due reminder once. Safe to run twice or concurrently. Returns how many sent."""
    now = now or timezone.now()
    sent = 0
    reminders = Reminder.objects.filter(pk__in=claim_due_reminders(now=now, limit=limit))
    for reminder in reminders.select_related("registration__event", "registration__person"):
        registration = reminder.registration
        event = registration.event
        usable = (
            registration.status == Registration.Status.REGISTERED
            and event.live
            and not event.is_cancelled
            and event.end > now
            and event.can_view(registration.person)
        )
        if not usable:
            # Nothing to remind about any more: settle the row so it is never claimed again.
            Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(sent_at=now)
            continue
        if send_reminder(reminder, now=now):
            sent += 1
    return sent
