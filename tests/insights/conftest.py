"""A small world with hand-counted figures, January to March 2026 (GMT, so UTC is local)."""

from datetime import UTC, datetime

import pytest

from events.factories import EventPageFactory, RegistrationFactory
from events.models import EventPage, Feedback, Registration, TopicIdea, TopicSupport
from hub.digests.models import DigestDelivery, DigestPreference, DigestRun
from hub.library.factories import NoteFactory, ResourceFactory
from hub.library.models import UsefulMark
from hub.people.factories import member_of
from hub.people.models import User
from hub.questions.factories import AnswerFactory, QuestionFactory
from learning_sets.factories import make_set
from learning_sets.models import Action, Attendance, PresentedIssue, SetSession

PERIOD = {"start": "2026-01-01", "end": "2026-03-31"}


def at(month, day, hour=12):
    return datetime(2026, month, day, hour, tzinfo=UTC)


def when(model, row, moment, field="created_at"):
    model.objects.filter(pk=row.pk).update(**{field: moment})


@pytest.fixture(autouse=True)
def _figures_worked_out_each_time(settings):
    """The page's figures are cached per period in production; these tests count the
    queries that work them out (the cache has its own test)."""
    settings.HUB_INSIGHTS_CACHE_SECONDS = 0


@pytest.fixture
def world(member, lead, outsider, partnership, other_partnership, facilitator):
    User.objects.filter(pk=member.pk).update(role_in_own_words="Parent of two")
    User.objects.filter(pk=lead.pk).update(role_in_own_words="Partnership lead")
    User.objects.filter(pk=outsider.pk).update(role_in_own_words="Health visitor")
    member_of(partnership, role_in_own_words="Family support worker")  # never active

    huddle = EventPageFactory(title="February huddle", start=at(2, 10))
    webinar = EventPageFactory(title="March webinar", kind=EventPage.Kind.WEBINAR, start=at(3, 12))
    for event, person, status, came, made in (
        (huddle, member, Registration.Status.REGISTERED, True, at(1, 15)),
        (huddle, lead, Registration.Status.REGISTERED, False, at(2, 1)),
        (huddle, outsider, Registration.Status.WAITLISTED, None, at(2, 2)),
        (webinar, outsider, Registration.Status.REGISTERED, True, at(3, 1)),
    ):
        row = RegistrationFactory(event=event, person=person, status=status, attended=came)
        when(Registration, row, made)
    for event, person, rating, made in (
        (huddle, member, 4, at(2, 11)),
        (webinar, outsider, 2, at(3, 5)),
    ):
        row = Feedback.objects.create(event=event, person=person, rating=rating)
        when(Feedback, row, made)

    shared = ResourceFactory(partnership=partnership, shared_by=member, created_at=at(2, 3))
    NoteFactory(resource=shared, author=outsider, created_at=at(2, 4))
    UsefulMark.objects.create(resource=shared, person=lead, created_at=at(3, 2))
    ResourceFactory(partnership=other_partnership, shared_by=outsider, created_at=at(3, 3))

    first = QuestionFactory(author=member, partnership=partnership, created_at=at(1, 10, 10))
    AnswerFactory(question=first, author=outsider, created_at=at(1, 10, 16))  # 6 hours
    AnswerFactory(question=first, author=outsider, created_at=at(1, 11))
    second = QuestionFactory(author=outsider, partnership=other_partnership, created_at=at(2, 1, 0))
    AnswerFactory(question=second, author=member, created_at=at(2, 2, 0))  # 24 hours
    QuestionFactory(author=lead, partnership=partnership, created_at=at(3, 1))  # unanswered

    idea = TopicIdea.objects.create(
        title="Fathers' groups",
        proposed_by=member,
        status=TopicIdea.Status.SCHEDULED,
        scheduled_event=webinar,
    )
    when(TopicIdea, idea, at(1, 20))
    when(TopicIdea, TopicIdea.objects.create(title="Transport", proposed_by=outsider), at(2, 5))
    when(TopicSupport, TopicSupport.objects.create(idea=idea, person=lead), at(2, 6))

    run = DigestRun.objects.create(period_start=at(2, 1).date(), period_end=at(2, 8).date())
    DigestDelivery.objects.create(run=run, member=member, status="sent", done_at=at(2, 7))
    DigestDelivery.objects.create(run=run, member=outsider, status="skipped", done_at=at(2, 7))
    DigestPreference.objects.update_or_create(
        person=lead, defaults={"frequency": "off", "unsubscribed_at": at(3, 10)}
    )

    learning_set = make_set(facilitators=[facilitator], members=[member, outsider])
    session = SetSession.objects.create(
        learning_set=learning_set, starts_at=at(2, 20), ends_at=at(2, 20, 14)
    )
    Attendance.objects.create(session=session, person=member, present=True)
    Attendance.objects.create(session=session, person=outsider, present=True)
    issue = PresentedIssue.objects.create(
        learning_set=learning_set, session=session, presenter=member, issue="A private worry"
    )
    for status in ("done", "open"):
        Action.objects.create(
            learning_set=learning_set,
            issue=issue,
            owner=member,
            text="Call the school",
            status=status,
            created_at=at(2, 20),
        )
    return {"partnership": partnership, "other": other_partnership}
