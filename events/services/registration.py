"""Registration and the waiting list: the one way in and out of an event's places."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from events.models import EventPage, Registration
from events.services.messages import send_to_registrant
from events.services.reminders import schedule_reminders
from hub.core.services import ServiceError
from hub.notifications.services import notify
from hub.people import roles


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
    """Register ``person`` for ``event``, or put them on the waiting list when it is full.

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
    with transaction.atomic():
        locked = EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)
        if not locked.live or locked.is_cancelled:
            raise RegistrationError("This event is not taking registrations.", code="not_taking")
        if not locked.can_view(person):
            raise RegistrationError("This event is not open to this person.", code="not_open")
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
            send_to_registrant(registration, "events/email/registered")
        else:
            send_to_registrant(registration, "events/email/waitlisted", attach=False)
    return registration


def cancel(registration, *, by=None, now=None):
    """Cancel a registration or leave the waiting list; the first on the waiting list takes
    the place.

    Returns the list of registrations promoted from the waiting list.
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
        send_to_registrant(registration, "events/email/cancelled_registration", attach=False)
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
        # The "a place has come up" email (with the calendar file) is the notification's email.
        if notify([registration.person], "promoted", event).wants_email(registration.person):
            send_to_registrant(registration, "events/email/promoted")
        promoted.append(registration)
        taken += 1
    return promoted


def increase_capacity(event, capacity, *, by):
    """Officers add places; the waiting list moves up at once."""
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
