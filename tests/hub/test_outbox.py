"""Transactional email goes at least once (hub.core.mail's outbox): the email is a row written
with the change it tells someone about; a task queued on commit sends it at once, and the
due-work beat task sends whatever that missed (broker down, worker killed, SMTP failing), with
the same Message-ID every time."""

import smtplib
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone

import pytest
import time_machine
from celery.exceptions import SoftTimeLimitExceeded

from events.factories import EventPageFactory
from hub.core.mail import send_email
from hub.core.models import OutgoingEmail
from hub.core.tasks import run_due_work

pytestmark = pytest.mark.django_db
STALE = settings.HUB_DUE_WORK_STALE_AFTER
DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def approved_email(person):
    return send_email("people/email/approved", person.email, {"person": person})


def sweep():
    """What beat does every minute; returns how many outbox emails it sent."""
    return run_due_work.apply().get()["core.OutgoingEmail"]


@pytest.fixture
def broker_down():
    """Tasks go to a broker that refuses connections, as when Redis has stopped."""
    from hub.celery import app

    amqp = app.amqp
    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool, amqp._producer_pool)
    app.conf.broker_url, app.conf.task_always_eager = DEAD_BROKER, False
    app._pool = amqp._producer_pool = None
    yield
    app.conf.broker_url, app.conf.task_always_eager, app._pool, amqp._producer_pool = saved


def test_the_email_is_written_in_the_callers_transaction(member):
    with pytest.raises(RuntimeError), transaction.atomic():
        approved_email(member)
        assert OutgoingEmail.objects.count() == 1
        raise RuntimeError("the change is rolled back")
    assert not OutgoingEmail.objects.exists()
    assert sweep() == 0 and mail.outbox == []


def test_each_email_has_a_message_id_on_the_hubs_domain(
    member, lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approved_email(member)
        approved_email(lead)
    first, second = OutgoingEmail.objects.order_by("pk")
    assert first.message_id.startswith("<outbox-") and first.message_id.endswith("@testserver>")
    assert first.message_id != second.message_id
    sent = {m.to[0]: m.message()["Message-ID"] for m in mail.outbox}
    assert sent == {member.email: first.message_id, lead.email: second.message_id}
    first.refresh_from_db()
    assert first.sent_at is not None and first.done_at is not None


def test_with_the_broker_down_registration_succeeds_and_the_sweep_sends_the_email_once(
    client, member, broker_down, django_capture_on_commit_callbacks, caplog
):
    event = EventPageFactory(title="Huddle on early action", capacity=5)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert response.status_code == 200
    assert b"You are registered" in response.content
    assert mail.outbox == []
    waiting = OutgoingEmail.objects.get()
    assert waiting.to == [member.email] and waiting.done_at is None
    assert "the due-work sweep sends it" in caplog.text

    assert sweep() == 1
    assert sweep() == 0
    (confirmation,) = mail.outbox
    assert confirmation.to == [member.email]
    assert "You are registered" in confirmation.subject
    assert confirmation.attachments[0][0] == "event.ics"
    assert confirmation.message()["Message-ID"] == waiting.message_id


def test_an_email_whose_sender_was_killed_is_sent_after_the_stale_time_with_its_message_id(
    member,
):
    approved_email(member)  # the transaction has not committed: nothing sent yet
    written = OutgoingEmail.objects.get().message_id
    with time_machine.travel(timezone.now(), tick=False) as clock:
        OutgoingEmail.objects.claim()  # a worker claims it, then is killed before sending
        clock.shift(STALE - timedelta(seconds=1))
        assert sweep() == 0 and mail.outbox == []
        clock.shift(timedelta(seconds=2))
        assert sweep() == 1
        assert sweep() == 0
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.message()["Message-ID"] == written
    assert OutgoingEmail.objects.get().attempts == 2


def test_with_smtp_failing_the_change_stands_and_the_email_goes_when_it_is_back(
    client, member, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    event = EventPageFactory(title="Huddle on relational practice", capacity=5)
    client.force_login(member)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/events/{event.pk}/register/", follow=True)
        assert b"You are registered" in response.content
        waiting = OutgoingEmail.objects.get()
        assert "SMTPServerDisconnected" in waiting.error and waiting.done_at is None

        monkeypatch.undo()
        clock.shift(STALE + timedelta(seconds=1))
        assert sweep() == 1
    (confirmation,) = mail.outbox
    assert "Huddle on relational practice" in confirmation.body
    waiting.refresh_from_db()
    assert waiting.sent_at is not None and waiting.error == ""


def test_an_address_the_server_refuses_is_given_up_on_not_retried_for_ever(member, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({member.email: (550, b"No such mailbox")})

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    approved_email(member)
    assert sweep() == 0
    settled = OutgoingEmail.objects.get()
    assert settled.done_at is not None and settled.sent_at is None
    assert "No such mailbox" in settled.error


def test_before_the_time_limit_the_unsent_emails_are_given_back(
    member, lead, outsider, monkeypatch
):
    for person in (member, lead, outsider):
        approved_email(person)
    real_send = EmailBackend.send_messages
    calls = []

    def slow(self, messages):
        calls.append(messages)
        if len(calls) == 2:
            raise SoftTimeLimitExceeded()
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow)
    assert run_due_work.apply().get()["core.OutgoingEmail"] is None  # the run stopped
    first, second, third = OutgoingEmail.objects.order_by("pk")
    assert first.sent_at is not None
    assert second.claim_token is not None and second.done_at is None  # may have gone: waits
    assert third.claim_token is None and third.done_at is None  # free for the next run
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_sent_emails_are_forgotten_after_the_keeping_time(member):
    approved_email(member)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert sweep() == 1
        clock.shift(timedelta(days=settings.HUB_OUTBOX_KEEP_DAYS + 1))
        approved_email(member)
        assert sweep() == 1
    assert OutgoingEmail.objects.count() == 1


def test_an_email_the_server_stopped_answering_for_after_data_is_unknown_and_not_resent(
    member, lead, outsider, settings
):
    """A real SMTP dialogue on a local socket: the server takes the first message and never
    answers its final ".". That email may have reached the person, so it is recorded as
    "unknown" (may have been sent) and never sent again; the others go as usual."""
    from tests.digests.test_reliability import StallingSmtpServer

    for person in (member, lead, outsider):
        approved_email(person)
    with StallingSmtpServer(stall_on={1}) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
            "127.0.0.1",
            server.port,
            1,
        )
        assert sweep() == 2
        first, second, third = OutgoingEmail.objects.order_by("pk")
        assert first.status == "unknown" and first.may_have_been_sent
        assert first.done_at is not None and first.sent_at is None
        assert "stopped answering after taking the email" in first.error
        assert (second.status, third.status) == ("sent", "sent")
        # Not after the stale time, nor the attempts' limit: nothing is sent again.
        for hours in (1, 2, 24):
            with time_machine.travel(timezone.now() + timedelta(hours=hours), tick=False):
                assert sweep() == 0
        assert sorted(m["To"] for m in server.received) == sorted(
            [member.email, lead.email, outsider.email]
        )
        assert [m["Message-ID"] for m in server.received] == [
            e.message_id for e in (first, second, third)
        ]
