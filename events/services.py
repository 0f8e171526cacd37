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
from hub.core import documents, due_work
from hub.core.mail import send_email
from hub.core.services import ServiceError
from hub.people import roles

# Event pages: made and published in one place -------------------------------------------


def create_event_page(parent=None, *, by=None, publish=True, themes=None, hosts=None, **fields):
    """Make an event page: the one way topic ideas, series and learning-set sessions do it.

    ``fields`` are EventPage fields (title, kind, start, end...). The page is added under
    ``parent`` (the events index by default) and its first revision saved, so its history in
    the admin starts here; with ``publish`` that revision is published, so the publish
    handler (:func:`event_published`) runs as it does for the admin and scheduled publishing.
    Without it the page stays a draft for an officer to finish. Raises ValidationError if the
    fields do not make a valid event.
    """
    parent = parent or EventIndexPage.objects.first()
    with transaction.atomic():
        event = EventPage(owner=by, **fields)
        event.live = False
        parent.add_child(instance=event)
        if themes is not None:
            event.themes.set(themes)
        if hosts is not None:
            event.hosts.set(hosts)
        revision = event.save_revision(user=by, log_action=True)
        if publish:
            revision.publish(user=by)
    return EventPage.objects.get(pk=event.pk)


def update_event_page(event, *, by=None, themes=None, hosts=None, **fields):
    """Change an event page and publish the change, keeping a revision (as the admin does).

    Publishing runs :func:`event_published`, so registrants hear of a new time or a
    cancellation exactly as when an officer publishes in the admin.
    """
    with transaction.atomic():
        event = EventPage.objects.get(pk=event.pk)
        for name, value in fields.items():
            setattr(event, name, value)
        if themes is not None:
            event.themes.set(themes)
        if hosts is not None:
            event.hosts.set(hosts)
        event.save_revision(user=by, log_action=True).publish(user=by)
    return EventPage.objects.get(pk=event.pk)


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
    registered hear of a cancellation or a new time; added places move the waitlist up.
    A page scheduled to go live later is not live yet, so no one hears anything.
    """
    if not event.live:
        return
    keep_materials_with_their_audience(event)
    announce_scheduled_topics(event)
    if previous:
        event_changed(event, previous)


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
    with transaction.atomic():
        idea = TopicIdea.objects.select_for_update().get(pk=idea.pk)
        if idea.scheduled_event_id:
            return idea.scheduled_event
        start = (timezone.now() + timedelta(days=28)).replace(
            hour=12, minute=0, second=0, microsecond=0
        )
        event = create_event_page(
            parent=index_page,
            by=by,
            publish=False,
            themes=idea.themes.all(),
            title=idea.title,
            summary=(idea.description or idea.title)[:500],
            kind=EventPage.Kind.HUDDLE,
            start=start,
            end=start + timedelta(hours=1),
        )
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


class RegistrationError(ServiceError):
    """A registration that cannot happen now, with a message to show the person."""


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
        raise RegistrationError("Only programme members can register.", code="not_member")
    if not can_register_for(by, person):
        raise PermissionDenied("You cannot register this person.")
    if not event.can_view(person):
        raise RegistrationError("This event is not open to this person.", code="not_open")
    with transaction.atomic():
        locked = EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)
        if not locked.live or locked.is_cancelled:
            raise RegistrationError("This event is not taking registrations.", code="not_taking")
        if not locked.registration_is_open(now) and not roles.is_officer(by):
            if locked.registration_opens_at and now < locked.registration_opens_at:
                raise RegistrationError("Registration has not opened yet.", code="not_open_yet")
            raise RegistrationError("Registration has closed.", code="closed")
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
        registration.reminders.filter(done_at__isnull=True).delete()
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
                registration=registration, kind=kind, done_at__isnull=True
            ).delete()
            continue
        Reminder.objects.update_or_create(
            registration=registration,
            kind=kind,
            defaults={"due_at": due_at, "claimed_at": None, "claim_token": None, "done_at": None},
        )


def send_reminder(reminder, *, token, now=None):
    """Send one claimed reminder and mark it done in the same transaction (mail goes on commit).

    Sends nothing if ``token`` no longer holds the claim (another worker took it over)."""
    now = now or timezone.now()
    with transaction.atomic():
        if not Reminder.objects.filter(pk=reminder.pk).mark_done(token, now):
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
    """Called by :func:`event_published` when a live event is published again: tell people
    about a cancellation or a new time, or fill added places from the waitlist.

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
        event = create_event_page(
            parent=index_page,
            by=by,
            themes=series.themes.all(),
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
        )
        created.append(event)
    return created


# The reminder sweep ----------------------------------------------------------------------
# Reminders are due work (hub.core.due_work): claimed by the one beat task, run_due_work.


def claim_due_reminders(*, now=None, limit=200):
    """Claim reminders that are due, so no other sweep takes them. Returns the claimed ids."""
    _token, rows = Reminder.objects.claim(now or timezone.now(), limit)
    return list(rows.values_list("pk", flat=True))


def sweep_reminders(*, now=None, limit=200):
    """Send every due reminder once. Safe to run twice or concurrently. Returns how many sent."""
    return due_work.run(Reminder, now=now, limit=limit)


def send_claimed_reminders(reminders, *, token, now):
    """The reminders' due-work handler: send each claimed reminder still worth sending."""
    sent = 0
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
            Reminder.objects.filter(pk=reminder.pk).mark_done(token, now)
            continue
        if send_reminder(reminder, token=token, now=now):
            sent += 1
    return sent
