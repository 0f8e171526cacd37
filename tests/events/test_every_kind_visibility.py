"""Every kind events can show a person answers visible_to (a queryset) and can_view (one
object) with one meaning: published, and open to this person. The two always agree."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone

import pytest

from events import services
from events.factories import EventPageFactory
from events.models import (
    CalendarFeed,
    EventPage,
    EventSeries,
    Feedback,
    Registration,
    TopicIdea,
    TopicSupport,
)
from hub.people.factories import UserFactory

pytestmark = pytest.mark.django_db


def agree(model, user):
    """What visible_to lists, checked against can_view on every row."""
    visible = set(model.objects.visible_to(user))
    assert visible == {row for row in model.objects.all() if row.can_view(user)}, model
    return visible


@pytest.fixture
def people(member, lead, outsider, officer):
    return {
        "visitor": AnonymousUser(),
        "member": member,
        "lead": lead,
        "outsider": outsider,
        "officer": officer,
        "waiting": UserFactory(is_approved=False),
    }


def test_a_draft_event_is_visible_to_no_one(people, event):
    draft = EventPageFactory(title="Draft huddle", live=False)
    for name, person in people.items():
        visible = agree(EventPage, person)
        assert draft not in visible, name
    assert event in EventPage.objects.visible_to(people["member"])


def test_a_series_is_seen_through_its_occurrences(people):
    start = timezone.now() + timedelta(days=3)
    series = EventSeries.objects.create(
        title="Monthly huddle", rrule="FREQ=MONTHLY;COUNT=2", first_start=start
    )
    hidden = EventSeries.objects.create(
        title="Set sessions", rrule="FREQ=MONTHLY;COUNT=2", first_start=start
    )
    EventPageFactory(title="Monthly huddle: one", series=series, audience="public")
    group = Group.objects.create(name="A learning set")
    EventPageFactory(
        title="Set session", series=hidden, audience="group", restricted_to_group=group
    )
    for name, person in people.items():
        assert agree(EventSeries, person) == {series}, name
    people["member"].groups.add(group)
    from hub.people import roles

    roles.forget(people["member"])
    assert agree(EventSeries, people["member"]) == {series, hidden}


def test_registrations_are_seen_by_their_person_their_lead_and_officers(people, event):
    mine = services.register(people["member"], event)
    theirs = services.register(people["outsider"], event)
    assert agree(Registration, people["member"]) == {mine}
    assert agree(Registration, people["lead"]) == {mine}  # Maya is in Liam's partnership
    assert agree(Registration, people["outsider"]) == {theirs}
    assert agree(Registration, people["officer"]) == {mine, theirs}
    assert agree(Registration, people["visitor"]) == set()
    event.unpublish()
    assert agree(Registration, people["officer"]) == set()


def test_feedback_is_seen_by_its_author_and_officers(people, event):
    mine = Feedback.objects.create(event=event, person=people["member"], rating=4)
    theirs = Feedback.objects.create(event=event, person=people["outsider"], rating=2)
    assert agree(Feedback, people["member"]) == {mine}
    assert agree(Feedback, people["lead"]) == set()
    assert agree(Feedback, people["officer"]) == {mine, theirs}
    assert agree(Feedback, people["visitor"]) == set()


def test_a_calendar_feed_is_its_owners_alone(people):
    feed = services.calendar_feed_for(people["member"])
    services.calendar_feed_for(people["outsider"])
    assert agree(CalendarFeed, people["member"]) == {feed}
    assert agree(CalendarFeed, people["officer"]) == set()
    assert agree(CalendarFeed, people["visitor"]) == set()


def test_topic_ideas_are_for_members_and_support_for_the_supporter_and_officers(people):
    idea = services.propose_topic_idea(people["member"], "Reaching fathers")
    services.support_topic_idea(people["outsider"], idea)
    own = TopicSupport.objects.get(person=people["member"])
    for name in ("member", "lead", "outsider", "officer"):
        assert agree(TopicIdea, people[name]) == {idea}, name
    for name in ("visitor", "waiting"):
        assert agree(TopicIdea, people[name]) == set(), name
    assert agree(TopicSupport, people["member"]) == {own}
    assert len(agree(TopicSupport, people["officer"])) == 2
    assert agree(TopicSupport, people["visitor"]) == set()


def test_an_idea_page_is_for_members_of_any_partnership(client_for, event, member, outsider):
    idea = services.propose_topic_idea(member, "Paying parents for their time")
    assert client_for(None).get(f"/events/ideas/{idea.pk}/").status_code == 302
    page = client_for(outsider).get(f"/events/ideas/{idea.pk}/").content.decode()
    assert "Paying parents for their time" in page
