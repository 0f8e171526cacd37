"""The insights page costs the same number of queries with ten times the data."""

import itertools

import pytest

from events.factories import EventPageFactory, RegistrationFactory
from events.models import EventPage, Feedback, TopicIdea, TopicSupport
from hub.digests.models import DigestDelivery, DigestRun
from hub.library.factories import NoteFactory, ResourceFactory
from hub.library.models import UsefulMark
from hub.people.factories import PartnershipFactory, member_of
from hub.questions.factories import AnswerFactory, QuestionFactory
from learning_sets.factories import make_set
from learning_sets.models import Action, Attendance, PresentedIssue, SetSession
from tests.insights.conftest import PERIOD, at, when

pytestmark = pytest.mark.django_db
numbers = itertools.count()


def grow_world(facilitator):
    learning_set = make_set(facilitators=[facilitator])
    run = DigestRun.objects.create(period_start=at(2, 1).date(), period_end=at(2, 8).date())

    def grow(n):
        for _ in range(n):
            i = next(numbers)
            partnership = PartnershipFactory(name=f"Partnership {i}")
            person = member_of(partnership, role_in_own_words=["Parent", "Youth worker", ""][i % 3])
            event = EventPageFactory(
                start=at(2, 10), kind=[EventPage.Kind.HUDDLE, EventPage.Kind.WEBINAR][i % 2]
            )
            RegistrationFactory(event=event, person=person, attended=True)
            Feedback.objects.create(event=event, person=person, rating=3)
            resource = ResourceFactory(
                partnership=partnership, shared_by=person, created_at=at(2, 3)
            )
            NoteFactory(resource=resource, author=person, created_at=at(2, 4))
            UsefulMark.objects.create(resource=resource, person=person, created_at=at(2, 5))
            question = QuestionFactory(author=person, partnership=partnership, created_at=at(1, 9))
            AnswerFactory(question=question, author=person, created_at=at(1, 10))
            idea = TopicIdea.objects.create(title=f"Idea {i}", proposed_by=person)
            when(TopicIdea, idea, at(2, 6))
            TopicSupport.objects.create(idea=idea, person=person)
            DigestDelivery.objects.create(run=run, member=person, status="sent", done_at=at(2, 7))
            session = SetSession.objects.create(
                learning_set=learning_set, starts_at=at(2, 20), ends_at=at(2, 20, 14)
            )
            Attendance.objects.create(session=session, person=person, present=True)
            issue = PresentedIssue.objects.create(
                learning_set=learning_set, session=session, presenter=person, issue="Private"
            )
            Action.objects.create(
                learning_set=learning_set, issue=issue, owner=person, text="Private", status="done"
            )

    return grow


@pytest.mark.parametrize("params", [{}, {"partnership": "first"}])
def test_query_count_is_flat_at_ten_times(
    officer, facilitator, client_for, assert_flat_queries, params
):
    client = client_for(officer)
    grow = grow_world(facilitator)
    grow(1)
    chosen = {}
    if params:
        from hub.people.models import Partnership

        chosen = {"partnership": Partnership.objects.order_by("pk").first().pk}

    def run():
        response = client.get("/insights/", {**PERIOD, **chosen})
        assert response.status_code == 200
        assert response.content.decode().count("<svg") == 9

    count = assert_flat_queries(run, grow, small=1, large=10)
    assert count <= 30, count
