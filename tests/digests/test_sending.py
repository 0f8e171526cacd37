"""Sending: the digest's content, skipping, headers, and exactly once under every mishap."""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
import time_machine

from briefings.factories import create_briefing
from events.factories import EventPageFactory, RegistrationFactory
from hub.digests import services
from hub.digests.models import DigestDelivery, DigestRun
from hub.library.factories import ResourceFactory
from hub.people.factories import member_of
from hub.questions.factories import AnswerFactory, QuestionFactory
from learning_sets.factories import make_set
from learning_sets.models import SetSession

from .conftest import IN_PERIOD, SEND_DAY, SEND_TIME

pytestmark = pytest.mark.django_db


def test_a_member_gets_a_digest_with_absolute_links_and_a_clear_subject(
    member, newcomer, subscribe, run_weekly
):
    subscribe(member)
    run = run_weekly()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["member@example.org"]
    assert message.subject == "Your hub digest: Nia Newcomer"
    assert "Nia Newcomer" in message.body
    html = message.alternatives[0][0]
    assert "Nia Newcomer" in html
    assert 'href="/' not in html, "every link in an email must be absolute"
    assert f'href="http://testserver/people/{newcomer.pk}/"' in html
    assert "viewport" in html  # readable on a phone
    delivery = run.deliveries.get()
    assert delivery.status == DigestDelivery.Status.SENT
    assert delivery.subject == message.subject


def test_a_member_with_nothing_new_gets_no_email(member, subscribe, run_weekly):
    subscribe(member)
    run = run_weekly()
    assert mail.outbox == []
    assert run.deliveries.get().status == DigestDelivery.Status.SKIPPED


def test_only_people_who_chose_that_frequency_and_day_are_included(
    partnership, member, newcomer, subscribe, run_weekly
):
    subscribe(member)
    subscribe(member_of(partnership, email="tuesday@example.org"), day=1)
    subscribe(member_of(partnership, email="monthly@example.org"), frequency="monthly")
    subscribe(member_of(partnership, email="off@example.org"), frequency="off")
    member_of(partnership, email="never-chose@example.org")
    run_weekly()
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_a_section_the_member_switched_off_is_left_out(member, newcomer, subscribe, run_weekly):
    subscribe(member, skipped=["new_people"])
    run_weekly()
    assert mail.outbox == []


def test_unsubscribe_headers_follow_rfc_8058(member, newcomer, subscribe, run_weekly):
    subscribe(member)
    run_weekly()
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://testserver/digests/unsubscribe/")
    assert url in mail.outbox[0].body


def test_the_same_batch_run_twice_sends_once(member, newcomer, subscribe, run_weekly):
    subscribe(member)
    run = run_weekly(execute=False)
    ids = list(run.deliveries.values_list("pk", flat=True))
    first = services.send_batch(ids)
    second = services.send_batch(ids)
    assert first["sent"] == 1 and second["claimed"] == second["sent"] == 0
    assert len(mail.outbox) == 1


def test_two_beats_at_once_make_one_run(
    member, newcomer, subscribe, django_capture_on_commit_callbacks
):
    subscribe(member)
    with time_machine.travel(SEND_TIME, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first = services.start_due_runs()
        with django_capture_on_commit_callbacks(execute=True):
            second = services.start_due_runs()
        with django_capture_on_commit_callbacks(execute=True):
            run, created = services.start_run("weekly", SEND_DAY)
    assert len(first) == 1 and second == [] and not created
    assert DigestRun.objects.count() == 1
    assert len(mail.outbox) == 1


def test_nothing_starts_before_the_send_hour(member, newcomer, subscribe):
    subscribe(member)
    with time_machine.travel(SEND_TIME.replace(hour=6, minute=59), tick=False):
        started = services.start_due_runs()
    # Only yesterday's (Sunday's) run could start, and nobody chose Sunday.
    assert started == []


def test_a_lost_worker_s_claims_are_sent_once_and_sent_ones_never_again(
    partnership, newcomer, subscribe, run_weekly
):
    people = [member_of(partnership) for _ in range(3)]
    for person in people:
        subscribe(person)
    with time_machine.travel(SEND_TIME, tick=False) as clock:
        run = run_weekly(execute=False)
        ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
        # A worker claims the batch, sends the first email, marks it, then dies.
        token, claimed = services.claim(ids)
        assert len(claimed) == 3
        mail.outbox.append(mock.sentinel.first_email)
        DigestDelivery.objects.filter(pk=ids[0]).update(status=DigestDelivery.Status.SENT)
        # Late acknowledgement hands the batch to another worker: nothing is claimable yet.
        assert services.send_batch(ids)["claimed"] == 0
        # The sweep leaves young claims alone (their worker may be alive)...
        assert services.sweep()["requeued"] == 0
        # ...and re-offers them once they are stale; the sent one is never touched.
        clock.shift(services.STALE_AFTER + timedelta(minutes=1))
        assert services.sweep()["requeued"] == 2
        assert services.sweep()["requeued"] == 0
    assert len(mail.outbox) == 3
    first = DigestDelivery.objects.get(pk=ids[0]).member
    assert sorted(m.to[0] for m in mail.outbox[1:]) == sorted(p.email for p in people if p != first)
    assert set(run.deliveries.values_list("status", flat=True)) == {"sent"}
    run.refresh_from_db()
    assert run.status == DigestRun.Status.DONE


def test_a_failing_send_is_retried_with_backoff_then_recorded(
    member, newcomer, subscribe, run_weekly, client_for, officer
):
    subscribe(member)
    failing = mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=OSError("Connection refused"),
    )
    with time_machine.travel(SEND_TIME, tick=False) as clock, failing:
        run = run_weekly()
        delivery = run.deliveries.get()
        assert (delivery.status, delivery.attempts) == ("pending", 1)
        assert services.sweep()["requeued"] == 0  # waiting for its backoff
        clock.shift(timedelta(minutes=3))
        services.sweep()
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("pending", 2)
        clock.shift(timedelta(minutes=5))
        services.sweep()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", services.MAX_ATTEMPTS)
    assert "Connection refused" in delivery.error
    assert mail.outbox == []
    page = client_for(officer).get(run.get_absolute_url())
    assert b"Connection refused" in page.content
    assert b"<strong>1</strong> failed" in page.content


def _content(count, partnership, other_partnership):
    """``count`` items of every kind, new in the period or coming up."""
    soon = SEND_TIME + timedelta(days=3)
    with time_machine.travel(IN_PERIOD, tick=False):
        for n in range(count):
            create_briefing(title=f"Briefing {count}-{n}")
            event = EventPageFactory(title=f"Huddle {count}-{n}", start=soon)
            ResourceFactory(title=f"Guide {count}-{n}", partnership=other_partnership)
            question = QuestionFactory(title=f"Question {count}-{n}", partnership=partnership)
            AnswerFactory(question=question)
            RegistrationFactory(event=event, person=member_of(partnership))
            SetSession.objects.create(
                learning_set=make_set(name=f"Set {count}-{n}"), starts_at=soon, ends_at=soon
            )


def _batch_queries(count, partnership, subscribe, batch_size=10):
    """Queries used by the first batch when ``count`` members each have ``count`` items."""
    for n in range(count):
        # Leads, so every batch also builds the partnership summary.
        person = member_of(partnership, role="lead", email=f"reader{count}-{n}@example.org")
        subscribe(person)
    run, _ = services.start_run("weekly", SEND_DAY)
    ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))[:batch_size]
    cache.clear()  # Wagtail caches the site's root paths: start both batches cold.
    with CaptureQueriesContext(connection) as queries:
        result = services.send_batch(ids)
    assert result["sent"] == batch_size
    DigestRun.objects.all().delete()
    return len(queries)


def test_queries_per_batch_do_not_grow_with_members_or_items(
    partnership, other_partnership, subscribe, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        _content(1, partnership, other_partnership)
        small = _batch_queries(10, partnership, subscribe)
        _content(10, partnership, other_partnership)
        large = _batch_queries(100, partnership, subscribe)
    assert small == large
    # Reads are fixed per batch; each email costs one UPDATE marking it sent.
    assert small - 10 <= 40
