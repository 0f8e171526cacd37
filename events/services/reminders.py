"""Reminder emails: due work (hub.core.due_work), claimed by the one beat task, run_due_work."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events.models import Registration, Reminder
from events.services.messages import send_to_registrant
from hub.core import due_work

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
        send_to_registrant(
            reminder.registration,
            "events/email/reminder",
            extra={"reminder": reminder},
            joining_link=True,
        )
    return True


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
            and not event.is_cancelled
            and event.end > now
            # Published and still open to them (can_view covers both).
            and event.can_view(registration.person)
        )
        if not usable:
            # Nothing to remind about any more: settle the row so it is never claimed again.
            Reminder.objects.filter(pk=reminder.pk).mark_done(token, now)
            continue
        if send_reminder(reminder, token=token, now=now):
            sent += 1
    return sent
