"""The digest under mishaps: one-off and early runs, unsubscribing during a run, a slow or
stalling mail server (a real SMTP dialogue on a local socket), and recovery after a dead
worker within minutes."""

import email
import os
import signal
import socket
import threading
import time
from datetime import timedelta
from unittest import mock

from django.core import mail
from django.core.management import call_command

import pytest
import time_machine
from celery.exceptions import SoftTimeLimitExceeded

from hub.celery import app
from hub.digests import services
from hub.digests.models import DigestDelivery, DigestRun
from hub.people.factories import member_of

from .conftest import SEND_DAY, SEND_TIME

pytestmark = pytest.mark.django_db


class StallingSmtpServer:
    """A tiny SMTP server on 127.0.0.1. ``stall_on``: numbers (1-based) of the messages whose
    final "." it never answers; ``delay``: seconds it waits before answering each message."""

    def __init__(self, stall_on=(), delay=0.0, on_stall=None):
        self.stall_on, self.delay, self.on_stall = set(stall_on), delay, on_stall
        self.received = []
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(5)
        self.listener.close()

    def _serve(self):
        while not self.stop.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._talk, args=(client,), daemon=True).start()

    def _talk(self, client):
        stream = client.makefile("rb")
        say = lambda line: client.sendall(line.encode() + b"\r\n")  # noqa: E731
        say("220 localhost ready")
        try:
            for raw in stream:
                command = raw.decode().strip().upper()
                if command.startswith(("EHLO", "HELO")):
                    say("250 localhost")
                elif command.startswith("DATA"):
                    say("354 go ahead")
                    body = b"".join(iter(stream.readline, b".\r\n"))
                    self.received.append(email.message_from_bytes(body))
                    if len(self.received) in self.stall_on:
                        if self.on_stall:
                            self.on_stall()
                        self.stop.wait(30)  # took the message, never answers
                        return
                    time.sleep(self.delay)
                    say("250 queued")
                elif command.startswith("QUIT"):
                    say("221 bye")
                    return
                else:  # MAIL, RCPT, RSET, NOOP
                    say("250 OK")
        except OSError:
            pass
        finally:
            client.close()


@pytest.fixture
def smtp(settings):
    """``smtp(**options)``: a local StallingSmtpServer that the hub's SMTP backend talks to."""
    servers = []

    def start(**options):
        server = StallingSmtpServer(**options).__enter__()
        servers.append(server)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_TIMEOUT = 1
        return server

    yield start
    for server in servers:
        server.__exit__()


@pytest.fixture
def readers(partnership, newcomer, subscribe):
    """Three members who want the weekly digest (with news in it: the newcomer)."""
    people = [member_of(partnership, email=f"reader{n}@example.org") for n in range(3)]
    for person in people:
        subscribe(person)
    return people


def _recipients():
    return sorted(message.to[0] for message in mail.outbox)


# --- Item 3: a one-off or early run never owns the shared run ----------------------------


def test_a_one_off_send_to_one_member_leaves_the_run_to_everyone(
    member, readers, subscribe, django_capture_on_commit_callbacks
):
    subscribe(member)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", member=member.email, period=str(SEND_DAY), stdout=mock.Mock())
    assert _recipients() == ["member@example.org"]
    with time_machine.travel(SEND_TIME, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.start_due_runs()
        # Beat again a quarter of an hour later: nobody twice.
        with django_capture_on_commit_callbacks(execute=True):
            services.start_due_runs()
    assert _recipients() == sorted(["member@example.org", *(p.email for p in readers)])
    run = DigestRun.objects.get()
    assert run.deliveries.count() == 4
    assert set(run.deliveries.values_list("status", flat=True)) == {"sent"}


def test_a_run_started_early_is_topped_up_with_people_who_became_eligible(
    partnership, readers, subscribe, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = services.start_run("weekly", SEND_DAY)
    services.sweep()
    run.refresh_from_db()
    assert run.status == DigestRun.Status.DONE and len(mail.outbox) == 3
    late = member_of(partnership, email="late@example.org")
    subscribe(late)
    at_send_time = time_machine.travel(SEND_TIME, tick=False)
    with at_send_time, django_capture_on_commit_callbacks(execute=True):
        services.start_due_runs()
    assert mail.outbox[-1].to == ["late@example.org"] and len(mail.outbox) == 4
    run.refresh_from_db()
    assert run.deliveries.count() == 4


# --- Item 4: the choice is read again at send time -----------------------------------------


def test_unsubscribing_or_changing_frequency_during_a_run_stops_the_queued_digest(
    readers, run_weekly, client, client_for, officer
):
    run = run_weekly(execute=False)
    ids = list(run.deliveries.values_list("pk", flat=True))
    first, second, third = readers
    # One-click unsubscribe (RFC 8058) from last week's email, and a change of frequency.
    token = services.unsubscribe_token(first)
    assert client.post(f"/digests/unsubscribe/{token}/").status_code in (200, 302)
    services.set_preference(second, frequency="monthly", day_of_week=0)
    result = services.send_batch(ids)
    assert (result["sent"], result["cancelled"]) == (1, 2)
    assert _recipients() == [third.email]
    statuses = dict(run.deliveries.values_list("member__email", "status"))
    assert statuses == {first.email: "cancelled", second.email: "cancelled", third.email: "sent"}
    page = client_for(officer).get(run.get_absolute_url())
    assert b"<strong>2</strong> not sent: they unsubscribed" in page.content


# --- Item 5: a slow or stalling SMTP server ------------------------------------------------


def test_a_server_that_stops_answering_after_data_is_not_sent_to_again(
    readers, run_weekly, smtp, client_for, officer
):
    server = smtp(stall_on={1})
    run = run_weekly(execute=False)
    ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
    result = services.send_batch(ids)
    assert (result["unknown"], result["sent"], result["failed"]) == (1, 2, 0)
    stalled = DigestDelivery.objects.get(pk=ids[0])
    assert stalled.status == DigestDelivery.Status.UNKNOWN
    assert "stopped answering" in stalled.error
    # Every message carries the one Message-ID scheme, on the hub's own domain.
    assert [m["Message-ID"] for m in server.received] == [f"<digest-{pk}@testserver>" for pk in ids]
    # Nothing is sent again: not by the sweep, not after the backoff, not after a stale time.
    with time_machine.travel(SEND_TIME + timedelta(hours=1), tick=False):
        assert services.sweep()["requeued"] == 0
    assert services.send_batch(ids)["claimed"] == 0
    assert len(server.received) == 3
    page = client_for(officer).get(run.get_absolute_url())
    assert b"<strong>1</strong> may have been sent" in page.content


def test_the_soft_time_limit_during_a_stalled_send_stops_cleanly_and_hands_the_rest_on(
    readers, run_weekly, smtp, settings
):
    def soft_limit(*_):
        raise SoftTimeLimitExceeded()  # what Celery's pool does at the soft time limit

    def limit_reached_soon():
        time.sleep(0.3)
        os.kill(os.getpid(), signal.SIGALRM)

    server = smtp(stall_on={1}, on_stall=limit_reached_soon)
    settings.EMAIL_TIMEOUT = 10  # longer than the wait for the limit: the limit comes first
    run = run_weekly(execute=False)
    ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
    previous = signal.signal(signal.SIGALRM, soft_limit)
    started = time.monotonic()
    try:
        with mock.patch("hub.digests.tasks.send_batch.delay") as queued:
            result = services.send_batch(ids)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 5, "it must not wait for the stalled server"
    assert (result["unknown"], result["released"], result["sent"]) == (1, 2, 0)
    queued.assert_called_once_with(ids[1:])
    rest = DigestDelivery.objects.filter(pk__in=ids[1:])
    # Given back whole: waiting, unclaimed, and the interrupted claim is not counted a try.
    assert set(rest.values_list("status", "claim_token", "attempts")) == {("pending", None, 0)}
    # The new batch sends them; the stalled one is never sent again.
    server.stall_on.clear()
    assert services.send_batch(ids)["sent"] == 2
    assert len(server.received) == 3


def test_a_slow_server_makes_the_batch_stop_in_time_and_hand_the_rest_on(readers, run_weekly, smtp):
    server = smtp(delay=0.5)
    run = run_weekly(execute=False)
    ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
    started = time.monotonic()
    with mock.patch("hub.digests.tasks.send_batch.delay") as queued:
        result = services.send_batch(ids, send_seconds=0.8)
    # It stops at the first message after its time is up (however long rendering took).
    assert time.monotonic() - started < 0.8 + 0.5 + 0.5
    sent = result["sent"]
    assert sent >= 1 and result["released"] == 3 - sent >= 1
    queued.assert_called_once_with(ids[sent:])
    assert len(server.received) == sent


def test_the_batch_size_is_a_setting(readers, settings, django_capture_on_commit_callbacks):
    settings.HUB_DIGEST_BATCH_SIZE = 2
    queueing = mock.patch("hub.digests.tasks.send_batch.delay")
    with queueing as queued, django_capture_on_commit_callbacks(execute=True):
        services.start_run("weekly", SEND_DAY)
    assert [len(call.args[0]) for call in queued.call_args_list] == [2, 1]


# --- Item 6: recovery after a killed worker takes minutes ----------------------------------


def test_a_claim_goes_stale_just_after_the_time_limit_and_the_sweeps_run_every_minute():
    limit = timedelta(seconds=services.BATCH_TIME_LIMIT)
    assert limit < services.STALE_AFTER <= limit + timedelta(minutes=1)
    schedule = app.conf.beat_schedule
    assert schedule["digests-sweep"]["schedule"] <= 60
    assert schedule["due-work"]["schedule"] <= 60
    # Stale time plus one sweep period: a dead worker's rows go out again within 4 minutes.
    assert services.STALE_AFTER + timedelta(seconds=60) <= timedelta(minutes=4)


def test_a_killed_worker_s_batch_is_sent_again_within_four_minutes(readers, run_weekly):
    with time_machine.travel(SEND_TIME, tick=False) as clock:
        run = run_weekly(execute=False)
        ids = list(run.deliveries.values_list("pk", flat=True))
        services.claim(ids)  # ...and the worker is killed (SIGKILL: nothing released)
        clock.shift(timedelta(minutes=3, seconds=30))
        services.sweep()
    assert len(mail.outbox) == 3
    assert set(run.deliveries.values_list("status", flat=True)) == {"sent"}
