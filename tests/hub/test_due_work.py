"""One due-work mechanism (hub.core.due_work): a claim two workers cannot both win, a stale
claim offered again after HUB_DUE_WORK_STALE_AFTER and not before, done rows never claimed,
and every kind (reminders, answer notices, consent reviews, digest deliveries) on it."""

import contextlib
import os
import threading
from datetime import date, timedelta

from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

import pytest
import time_machine

from events import services as events
from events.factories import EventPageFactory
from hub.core import due_work
from hub.core.tasks import RUN_DUE_WORK_TIME_LIMIT, run_due_work
from hub.digests import services as digests
from hub.digests.models import DigestDelivery
from hub.library.factories import StoryConsentFactory
from hub.library.models import ConsentReview
from hub.people.factories import member_of
from hub.questions import services as questions

IN_CI = os.environ.get("CI", "").lower() == "true"
STALE = settings.HUB_DUE_WORK_STALE_AFTER


def due_reviews(count, sharer=None):
    """``count`` consent reviews already due (saving a consent arms its review row)."""
    extra = {"resource__shared_by": sharer} if sharer else {}
    for _ in range(count):
        StoryConsentFactory(review_date=date(2026, 1, 10), **extra)
    return set(ConsentReview.objects.values_list("pk", flat=True))


# --- The mechanism ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_second_claim_of_the_same_due_rows_gets_nothing():
    rows = due_reviews(3)
    token, first = ConsentReview.objects.claim()
    other, second = ConsentReview.objects.claim()
    assert set(first.values_list("pk", flat=True)) == rows
    assert list(second) == [] and token != other
    # Only the holder can mark them done.
    assert ConsentReview.objects.mark_done(other) == 0
    assert ConsentReview.objects.mark_done(token) == 3


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_the_same_moment_never_both_win():
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI must have PostgreSQL")
        pytest.skip("Needs PostgreSQL: SQLite has no concurrent writers")
    rows = due_reviews(40)
    claimed = {}
    errors = []

    def worker(name, barrier, limit):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=10)
            _, mine = ConsentReview.objects.claim(limit=limit)
            claimed[name] = set(mine.values_list("pk", flat=True))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    # Four rounds: with a limit (the locked read of candidates) and without (the UPDATE alone).
    for limit in (25, None, 25, None):
        ConsentReview.objects.update(claimed_at=None, claim_token=None)
        claimed.clear()
        barrier = threading.Barrier(4)
        threads = [threading.Thread(target=worker, args=(n, barrier, limit)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        won = [pk for mine in claimed.values() for pk in mine]
        assert len(won) == len(set(won)), "a row was claimed by two workers"
        assert set(won) <= rows
        if limit is None:
            assert set(won) == rows


@pytest.mark.django_db
def test_a_stale_claim_is_offered_again_after_the_stale_time_and_not_before():
    due_reviews(1)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        dead, _ = ConsentReview.objects.claim()  # this worker "dies"
        clock.shift(STALE - timedelta(seconds=1))
        assert not ConsentReview.objects.claim()[1].exists()
        assert ConsentReview.objects.sweep_stale() == 0
        clock.shift(timedelta(seconds=2))
        token, rows = ConsentReview.objects.claim()
        assert rows.count() == 1
    assert rows.get().attempts == 2
    # The dead worker, if it wakes, cannot mark (and so cannot send) what is no longer its own.
    assert ConsentReview.objects.mark_done(dead) == 0
    assert ConsentReview.objects.mark_done(token) == 1


@pytest.mark.django_db
def test_the_sweep_releases_stale_claims_only():
    due_reviews(2)
    first, second = ConsentReview.objects.order_by("pk")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        ConsentReview.objects.filter(pk=first.pk).claim()
        clock.shift(STALE + timedelta(seconds=1))
        ConsentReview.objects.filter(pk=second.pk).claim()
        assert ConsentReview.objects.sweep_stale() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.claimed_at, first.claim_token) == (None, None)
    assert second.claim_token is not None


@pytest.mark.django_db
def test_a_done_row_is_never_claimed():
    due_reviews(1)
    token, _ = ConsentReview.objects.claim()
    ConsentReview.objects.mark_done(token)
    with time_machine.travel(timezone.now() + STALE * 10, tick=False):
        assert ConsentReview.objects.sweep_stale() == 0
        assert not ConsentReview.objects.claim()[1].exists()
        assert ConsentReview.objects.release(token) == 0


@pytest.mark.django_db
def test_a_failing_handler_records_its_error_and_is_retried_once_stale(
    member, monkeypatch, django_capture_on_commit_callbacks
):
    due_reviews(1, sharer=member)

    def broken(rows, *, token, now):
        raise RuntimeError("mail server on fire")

    monkeypatch.setitem(
        due_work._kinds, "library.ConsentReview", due_work.Kind(ConsentReview, broken, 200)
    )
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert due_work.run_all()["library.ConsentReview"] is None
        review = ConsentReview.objects.get()
        assert "mail server on fire" in review.error and review.done_at is None
        monkeypatch.undo()
        clock.shift(STALE + timedelta(seconds=1))
        with django_capture_on_commit_callbacks(execute=True):
            assert due_work.run_all()["library.ConsentReview"] == 1
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_the_stale_time_is_minutes_and_outlasts_every_task_that_claims():
    assert timedelta(minutes=2) <= STALE <= timedelta(minutes=10)
    assert timedelta(seconds=RUN_DUE_WORK_TIME_LIMIT) < STALE
    assert timedelta(seconds=digests.BATCH_TIME_LIMIT) < STALE
    assert digests.STALE_AFTER == STALE


def test_every_kind_is_registered_and_beat_runs_them_every_minute():
    from hub.celery import app

    assert {"events.Reminder", "questions.AnswerNotice", "library.ConsentReview"} <= set(
        due_work.kinds()
    )
    entry = app.conf.beat_schedule["due-work"]
    assert (entry["task"], entry["schedule"]) == ("hub.core.tasks.run_due_work", 60.0)


# --- Each kind through the one mechanism: its email goes once --------------------------------


def _sent_once(kind, capture, at=None):
    """The one due-work task sends one ``kind`` (at ``at``), and a second run sends none."""
    travel = time_machine.travel(at, tick=False) if at else contextlib.nullcontext()
    with travel, capture(execute=True):
        assert run_due_work.apply().get()[kind] == 1
        assert run_due_work.apply().get()[kind] == 0


@pytest.mark.django_db
def test_a_reminder_goes_once(member, django_capture_on_commit_callbacks):
    event = EventPageFactory(title="Co-production huddle", capacity=2)
    # The confirmation leaves the outbox when registering commits, as it would outside a test.
    with django_capture_on_commit_callbacks(execute=True):
        events.register(member, event)
    mail.outbox.clear()
    _sent_once(
        "events.Reminder", django_capture_on_commit_callbacks, event.start - timedelta(hours=23)
    )
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "is tomorrow" in mail.outbox[0].subject


@pytest.mark.django_db
def test_an_answer_notice_goes_once(member, lead, partnership, django_capture_on_commit_callbacks):
    question = questions.ask_question(
        author=member, title="How do you run a parents' forum?", body="Ours has gone quiet."
    )
    questions.post_answer(question, author=lead, body="We meet in the school hall.")
    _sent_once(
        "questions.AnswerNotice",
        django_capture_on_commit_callbacks,
        timezone.now() + timedelta(minutes=30),
    )
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "We meet in the school hall." in mail.outbox[0].body


@pytest.mark.django_db
def test_a_consent_review_goes_once(member, django_capture_on_commit_callbacks):
    consent = StoryConsentFactory(resource__shared_by=member, review_date=date(2026, 1, 10))
    _sent_once("library.ConsentReview", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert consent.resource.title in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_digest_delivery_goes_once(officer, partnership, django_capture_on_commit_callbacks):
    from hub.notifications.announcements import announce

    reader = member_of(partnership, email="reader@example.org")
    digests.set_preference(reader, frequency="weekly", day_of_week=0)
    today = timezone.localdate()
    send_day = today + timedelta(days=(7 - today.weekday()) % 7 or 7)  # next Monday
    with time_machine.travel(send_day - timedelta(days=3), tick=False):
        announce(by=officer, title="Save the date", body="In March.", audience="everyone")
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = digests.start_run("weekly", send_day)
    delivery = DigestDelivery.objects.get(run=run, member=reader)
    # The batch is handed out again (a re-delivered task): the shared claim gives it nothing.
    assert digests.send_batch([delivery.pk])["claimed"] == 0
    assert not DigestDelivery.objects.filter(pk=delivery.pk).claim()[1].exists()
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.done_at is not None
    assert [m.to for m in mail.outbox if m.to == [reader.email]] == [[reader.email]]
    assert "Announcement: Save the date" in mail.outbox[-1].body
