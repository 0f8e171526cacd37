"""Reminders are due rows swept by beat and sent once; cancellations and new times are told."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import icalendar
import pytest
import time_machine

from events import services
from events.models import Registration, Reminder

pytestmark = pytest.mark.django_db


def test_registering_schedules_two_reminders(event, member):
    registration = services.register(member, event)
    due = dict(registration.reminders.values_list("kind", "due_at"))
    assert due == {"24h": event.start - timedelta(hours=24), "1h": event.start - timedelta(hours=1)}


def _swept_once(at, capture, count):
    """At ``at``, a sweep sends ``count`` reminders and a second sweep sends none."""
    with time_machine.travel(at, tick=False), capture(execute=True):
        assert services.sweep_reminders() == count
        assert services.sweep_reminders() == 0


def test_sweep_twice_sends_each_reminder_once(
    event, member, outsider, django_capture_on_commit_callbacks
):
    services.register(member, event)
    services.register(outsider, event)
    mail.outbox.clear()
    _swept_once(event.start - timedelta(hours=23), django_capture_on_commit_callbacks, 2)
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "outsider@example.org"]
    assert all("is tomorrow" in m.subject for m in mail.outbox)
    mail.outbox.clear()
    _swept_once(event.start - timedelta(minutes=50), django_capture_on_commit_callbacks, 2)
    assert all("starts in an hour" in m.subject for m in mail.outbox)
    assert Reminder.objects.filter(done_at__isnull=True).count() == 0


def test_a_claimed_reminder_is_left_alone_until_its_claim_is_stale(event, member):
    services.register(member, event)
    at = event.start - timedelta(minutes=50)
    with time_machine.travel(at, tick=False):
        claimed = services.claim_due_reminders()
        assert len(claimed) == 2  # both are due: the worker "dies" before sending
        assert services.claim_due_reminders() == []
        assert services.sweep_reminders() == 0
    with time_machine.travel(at + timedelta(minutes=11), tick=False):
        assert services.sweep_reminders() == 2


def test_no_reminders_after_cancelling(event, member):
    registration = services.register(member, event)
    services.cancel(registration)
    with time_machine.travel(event.start - timedelta(minutes=50), tick=False):
        assert services.sweep_reminders() == 0


def test_cancelling_the_event_tells_everyone_with_a_cancelled_ics(
    event, member, outsider, lead, django_capture_on_commit_callbacks
):
    services.register(member, event)
    services.register(outsider, event)
    services.register(lead, event)  # waitlisted: told too
    mail.outbox.clear()
    event.is_cancelled = True
    event.cancellation_note = "Our presenter is unwell."
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lead@example.org",
        "member@example.org",
        "outsider@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject.startswith("Cancelled:")
    assert "Our presenter is unwell." in message.body
    (component,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(component["status"]) == "CANCELLED"
    assert component["sequence"] == 1
    assert Reminder.objects.filter(done_at__isnull=True).count() == 0


def test_a_new_time_is_told_with_an_updated_ics_and_moves_reminders(
    event, member, django_capture_on_commit_callbacks
):
    registration = services.register(member, event)
    mail.outbox.clear()
    new_start = event.start + timedelta(days=2)
    event.start, event.end = new_start, new_start + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    (message,) = mail.outbox
    assert message.subject.startswith("New time:")
    (component,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert component.decoded("dtstart") == new_start
    assert component["sequence"] == 1
    assert registration.reminders.get(kind="1h").due_at == new_start - timedelta(hours=1)


def test_draft_changes_tell_no_one(event, member, django_capture_on_commit_callbacks):
    services.register(member, event)
    mail.outbox.clear()
    event.start, event.end = event.start + timedelta(days=1), event.end + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision()
    assert mail.outbox == []


def test_registering_late_skips_reminders_already_past(event, member):
    with time_machine.travel(event.start - timedelta(hours=5), tick=False):
        registration = services.register(member, event)
    assert list(registration.reminders.values_list("kind", flat=True)) == ["1h"]


def test_reminder_for_waitlisted_is_not_created(event, member, outsider, lead):
    services.register(member, event)
    services.register(outsider, event)
    waiting = services.register(lead, event)
    assert waiting.status == Registration.Status.WAITLISTED
    assert waiting.reminders.count() == 0
    assert timezone.now() < event.start


def test_beat_sweeps_reminders_every_minute():
    from hub.celery import app
    from hub.core import due_work

    # Reminders are due work: the one due-work task, on beat every minute, runs them.
    (entry,) = [
        e for e in app.conf.beat_schedule.values() if e["task"] == "hub.core.tasks.run_due_work"
    ]
    assert entry["schedule"] == 60.0
    assert due_work.kinds()["events.Reminder"].handler is services.send_claimed_reminders
