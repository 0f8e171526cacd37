"""A digest never shows what the page would not: a marker in a private item never reaches a
member who may not see it, for every kind of content."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest
import time_machine

from briefings.factories import create_briefing
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Audience, EventPage
from hub.digests import services
from hub.library.factories import ResourceFactory
from hub.library.models import Visibility
from hub.notifications.services import notify, set_choices
from hub.people.models import Membership
from hub.questions.factories import AnswerFactory, QuestionFactory
from hub.questions.models import Follow
from learning_sets.factories import make_set
from learning_sets.models import SetSession

from .conftest import IN_PERIOD, SEND_DAY, SEND_TIME

pytestmark = pytest.mark.django_db

MARKER = "ZEBRA-SECRET"
SOON = SEND_TIME + timedelta(days=2)


def digest_text(person):
    """Everything the person's digest for SEND_DAY would say (subject, text, HTML)."""
    period = services.period_for("weekly", SEND_DAY)
    person.refresh_from_db()
    digest = services.compose([person], period)[person.pk]
    if digest.is_empty:
        return ""
    rendered = services.render_digest(digest, period)
    return "\n".join([rendered.subject, rendered.text, rendered.html])


@pytest.fixture
def at_send_time():
    with time_machine.travel(SEND_TIME, tick=False):
        yield


@pytest.fixture
def in_period():
    """Create things as if during the period."""
    return time_machine.travel(IN_PERIOD, tick=False)


def test_briefings_drafts_never_appear(member, in_period):
    with in_period:
        create_briefing(title="A published briefing on early help")
        create_briefing(title=f"Draft {MARKER}", publish=False)
    with time_machine.travel(SEND_TIME, tick=False):
        text = digest_text(member)
    assert "A published briefing on early help" in text
    assert "Your hub digest: A published briefing on early help" in text
    assert MARKER not in text


def test_group_only_events_reach_only_the_group(member, outsider, at_send_time):
    group = Group.objects.create(name="Parents' forum")
    member.groups.add(group)
    EventPageFactory(title="A programme huddle", start=SOON, end=SOON + timedelta(hours=1))
    EventPageFactory(
        title=f"Forum meeting {MARKER}",
        start=SOON,
        end=SOON + timedelta(hours=1),
        audience=Audience.GROUP,
        restricted_to_group=group,
    )
    assert MARKER in digest_text(member)
    text = digest_text(outsider)
    assert "A programme huddle" in text
    assert MARKER not in text


def test_registration_status_and_register_link(member, at_send_time):
    registered = EventPageFactory(
        title="Huddle I joined", start=SOON, end=SOON + timedelta(hours=1)
    )
    EventPageFactory(title="Huddle still open", start=SOON, end=SOON + timedelta(hours=1))
    RegistrationFactory(event=registered, person=member)
    period = services.period_for("weekly", SEND_DAY)
    (section,) = services.compose([member], period)[member.pk].sections
    by_title = {item.title: item for item in section.items}
    assert by_title["Huddle I joined"].status == "You are registered."
    assert by_title["Huddle I joined"].action_label == ""
    assert by_title["Huddle still open"].action_label == "Register"
    assert section.count_phrase == "2 events coming up"


def test_learning_sets_say_only_when_your_own_set_meets(member, outsider, facilitator):
    with time_machine.travel(SEND_TIME, tick=False):
        learning_set = make_set(
            name="Holding the tension", facilitators=[facilitator], members=[member]
        )
        SetSession.objects.create(
            learning_set=learning_set, starts_at=SOON, ends_at=SOON + timedelta(hours=2)
        )
        # Its public face, an event page of kind "learning set session", is not listed.
        EventPageFactory(
            title=f"Session {MARKER}",
            kind=EventPage.Kind.LEARNING_SET_SESSION,
            start=SOON,
            end=SOON + timedelta(hours=2),
            audience=Audience.GROUP,
            restricted_to_group=Group.objects.create(name="set group"),
        )
        text = digest_text(member)
        # The line names the set (someone in two sets knows which), and says nothing more.
        assert "Holding the tension meets on Wednesday 25 November" in text
        assert MARKER not in text
        assert digest_text(outsider) == ""
        assert "Holding the tension meets on" in digest_text(facilitator)


def test_partnership_only_and_withdrawn_resources_stay_private(
    member, outsider, partnership, other_partnership, in_period
):
    with in_period:
        ResourceFactory(title="A guide for everyone", partnership=other_partnership)
        ResourceFactory(
            title=f"Our own notes {MARKER}",
            partnership=other_partnership,
            visibility=Visibility.PARTNERSHIP,
        )
        ResourceFactory(
            title=f"Withdrawn {MARKER}",
            partnership=other_partnership,
            withdrawn_at=timezone.now(),
        )
    with time_machine.travel(SEND_TIME, tick=False):
        text = digest_text(member)
    assert "A guide for everyone" in text
    assert MARKER not in text


def test_hidden_questions_and_answers_never_appear(member, outsider, other_partnership):
    with time_machine.travel(IN_PERIOD - timedelta(days=30), tick=False):
        followed = QuestionFactory(
            title="Followed question", author=member, partnership=member.partnerships.first()
        )
        Follow.objects.create(question=followed, person=member)
    with time_machine.travel(IN_PERIOD, tick=False):
        QuestionFactory(title="How do you run huddles?", partnership=other_partnership)
        QuestionFactory(
            title=f"Hidden {MARKER}", partnership=other_partnership, hidden_at=timezone.now()
        )
        # Answers reach the digest as notifications of those who chose the digest for them.
        set_choices(member, {"answer": "digest"})
        notify([member], "answer", followed, actor=outsider)
        hidden = QuestionFactory(
            title=f"Followed {MARKER}", author=member, hidden_at=timezone.now()
        )
        notify([member], "answer", hidden, actor=outsider)
        AnswerFactory(
            question=followed, author=outsider, body=f"Rude {MARKER}", hidden_at=timezone.now()
        )
    with time_machine.travel(SEND_TIME, tick=False):
        text = digest_text(member)
    assert "How do you run huddles?" in text
    assert "Owen Outsider answered “Followed question”" in text
    assert MARKER not in text


def test_leads_see_their_own_partnership_only(
    lead, member, outsider, partnership, other_partnership, in_period
):
    group = Group.objects.create(name="Closed group")
    with in_period:
        huddle = EventPageFactory(title="Open huddle", start=SOON, end=SOON + timedelta(hours=1))
        closed = EventPageFactory(
            title=f"Closed {MARKER}",
            start=SOON,
            end=SOON + timedelta(hours=1),
            audience=Audience.GROUP,
            restricted_to_group=group,
        )
        RegistrationFactory(event=huddle, person=member)
        RegistrationFactory(event=huddle, person=outsider)
        member.groups.add(group)
        RegistrationFactory(event=closed, person=member)
        ResourceFactory(title="Our toolkit", partnership=partnership, shared_by=member)
        QuestionFactory(title="Our open question", partnership=partnership, author=member)
    with time_machine.travel(SEND_TIME, tick=False):
        period = services.period_for("weekly", SEND_DAY)
        digests = services.compose([lead, member], period)
        text = digest_text(lead)
    summary = {s.key: s for s in digests[lead.pk].sections}["partnership"]
    titles = [item.title for item in summary.items]
    assert titles == [
        "Maya Member registered for Open huddle",
        "Maya Member shared “Our toolkit”",
        "Still unanswered: “Our open question”",
    ]
    assert MARKER not in text and "Owen Outsider" not in text
    assert "partnership" not in {s.key for s in digests[member.pk].sections}
    assert Membership.objects.filter(person=lead, role="lead").exists()
