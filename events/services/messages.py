"""Emails to the people registered for an event: the one sender, and officers' messages."""

from django.core.exceptions import PermissionDenied

from events.calendars import event_ics
from events.models import Registration
from hub.core.mail import send_email
from hub.people import roles


def active_registrations(event):
    return Registration.objects.filter(
        event=event,
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
    ).select_related("person", "event")


def message_registrants(event, *, subject, message, by, include_waitlist=False):
    """An officer writes to everyone registered (and optionally the waiting list)."""
    if not roles.is_programme_team(by):
        raise PermissionDenied
    registrations = active_registrations(event)
    if not include_waitlist:
        registrations = registrations.filter(status=Registration.Status.REGISTERED)
    count = 0
    for registration in registrations:
        send_to_registrant(
            registration,
            "events/email/message",
            extra={"subject": subject, "message": message, "sender": by},
            attach=False,
        )
        count += 1
    return count


def send_to_registrant(
    registration, prefix, *, extra=None, attach=True, joining_link=False, cancel=False
):
    """Email one registrant from the template pair ``prefix``, with the event's calendar file
    unless ``attach`` is off; the joining link only for a registered person's reminder."""
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
