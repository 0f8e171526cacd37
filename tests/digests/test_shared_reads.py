"""Reads shared by the feeds of one digest batch: the new resources (the library's section and
the leads' summary) and the unanswered questions (the "could you help?" section and the
summary) are read once per batch, and never outlive it."""

from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from hub.core.whats_new import LONDON, Period, one_batch
from hub.digests.services.compose import compose
from hub.library.factories import ResourceFactory
from hub.library.whats_new import shared_in
from hub.people.factories import member_of
from hub.questions.factories import QuestionFactory
from hub.questions.whats_new import unanswered_candidates

from .conftest import IN_PERIOD

pytestmark = pytest.mark.django_db


def _period():
    start = datetime(2026, 11, 16, tzinfo=LONDON)
    end = start + timedelta(days=7)
    return Period("weekly", start.date(), end.date(), start, end)


def _reads(queries, table):
    return [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]


def test_a_batch_reads_new_resources_and_unanswered_questions_once(
    partnership, other_partnership, time_machine
):
    time_machine.move_to(IN_PERIOD)
    ResourceFactory(title="Guide", partnership=partnership)
    QuestionFactory(title="Who has tried this?", partnership=partnership)
    # A lead (for the summary) and a member (for the library and "could you help?").
    people = [member_of(partnership, role="lead"), member_of(other_partnership)]
    with CaptureQueriesContext(connection) as queries:
        digests = compose(people, _period())
    assert len(_reads(queries, "library_resource")) == 1
    assert len(_reads(queries, "questions_question")) == 2  # the period's, and unanswered
    lead, member = (digests[p.pk] for p in people)
    summary = next(s for s in lead.sections if s.key == "partnership")
    titles = [item.title for item in summary.items]
    assert any("Guide" in title for title in titles)
    assert any("Who has tried this?" in title for title in titles)
    assert [s.key for s in member.sections if s.key in ("resources", "unanswered")] == [
        "resources"
    ]  # the question is this period's: it is under "new questions", not "could you help?"


def test_outside_a_batch_every_call_reads_afresh(django_assert_num_queries, time_machine):
    time_machine.move_to(IN_PERIOD)
    period = _period()
    assert shared_in(period) == []
    resource = ResourceFactory(title="Guide")
    # The first read is not kept: the second sees the new resource.
    assert shared_in(period) == [resource]
    with one_batch(), django_assert_num_queries(2):  # the resources and their themes
        first = shared_in(period)
        assert shared_in(period) is first
    with django_assert_num_queries(2):
        shared_in(period)


def test_the_shorter_unanswered_list_is_the_newest_of_the_longer(time_machine):
    time_machine.move_to(IN_PERIOD)
    for n in range(5):
        time_machine.shift(timedelta(minutes=1))
        QuestionFactory(title=f"Question {n}")
    alone = [q.pk for q in unanswered_candidates(3)]
    with one_batch():
        everyone = [q.pk for q in unanswered_candidates(200)]
        shared = [q.pk for q in unanswered_candidates(3)]
    assert shared == alone == everyone[:3]
    assert alone == [q.pk for q in unanswered_candidates(5)][:3]
