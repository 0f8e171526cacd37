"""Topic ideas: any member proposes, others support once each."""

from django.core.exceptions import PermissionDenied

import pytest

from events.models import TopicIdea, TopicSupport
from events.services import propose_topic_idea, support_topic_idea
from hub.people.factories import UserFactory
from hub.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_member_proposes_and_others_support_once(member, outsider):
    theme = ThemeFactory()
    idea = propose_topic_idea(
        member, " Working with dads ", "How do we reach fathers?", themes=[theme]
    )
    assert idea.title == "Working with dads"
    assert idea.status == TopicIdea.Status.PROPOSED
    assert list(idea.themes.all()) == [theme]
    assert support_topic_idea(outsider, idea) is True
    assert support_topic_idea(outsider, idea) is False
    assert TopicSupport.objects.filter(idea=idea).count() == 2  # proposer + outsider


def test_visitors_and_unapproved_people_cannot_propose(member):
    waiting = UserFactory(is_approved=False)
    with pytest.raises(PermissionDenied):
        propose_topic_idea(waiting, "An idea")
    idea = propose_topic_idea(member, "An idea")
    with pytest.raises(PermissionDenied):
        support_topic_idea(waiting, idea)
