"""Questions are for programme members: every path asks visible_to / can_view."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from hub.core.whats_new import home_sections, search_sections, theme_sections
from hub.people import roles
from hub.people.factories import UserFactory
from hub.questions import queries, services
from hub.questions.factories import QuestionFactory
from hub.questions.models import Answer, Question
from hub.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["visitor", "waiting", "inactive"])
def test_non_members_see_no_questions_anywhere(question, lead, who):
    services.post_answer(question, author=lead, body="An answer about WhatsApp")
    person = {
        "visitor": AnonymousUser(),
        "waiting": UserFactory(is_approved=False),
        "inactive": UserFactory(is_active=False),
    }[who]
    assert not Question.objects.visible_to(person).exists()
    assert not Answer.objects.visible_to(person).exists()
    assert not question.can_view(person)
    assert queries.recent_questions(person) == []
    assert queries.unanswered_questions(person) == []
    assert queries.search_questions(person, "WhatsApp") == []
    assert all(s.title != "Questions" for s in search_sections(person, "WhatsApp"))


def test_every_member_role_sees_questions(question, lead, outsider, officer, facilitator):
    for person in (lead, outsider, officer, facilitator):
        assert question.can_view(person)
        assert list(Question.objects.visible_to(person)) == [question]


def test_can_view_runs_no_query_once_roles_are_warm(question, outsider):
    roles.partnership_ids_of(outsider)
    questions = list(Question.objects.visible_to(outsider))
    with CaptureQueriesContext(connection) as captured:
        assert all(q.can_view(outsider) for q in questions * 50)
    assert len(captured) == 0


def test_home_theme_and_search_sections(question, member, lead, outsider):
    theme = ThemeFactory(name="Digital safeguarding")
    question.themes.add(theme)
    home = {s.title: s for s in home_sections(lead)}
    assert home["Questions waiting for an answer"].objects == [question]
    assert any(question in s.objects for s in theme_sections(lead, theme))
    search = [s for s in search_sections(lead, "WhatsApp") if s.title == "Questions"]
    assert search and search[0].objects == [question]
    # Found by words in an answer, too.
    services.post_answer(question, author=outsider, body="We use a moderated Signal channel")
    assert queries.search_questions(lead, "Signal channel") == [question]
    # Answered now: no longer waiting.
    assert "Questions waiting for an answer" not in {s.title for s in home_sections(lead)}


def test_waiting_questions_are_in_the_home_feeds_and_the_questions_list(question, lead, client_for):
    # A member's "/" is My hub; the home's "waiting for an answer" feed is the HOME list's
    # (the public home's, and the digest's), and the questions page lists them.
    assert question.title in [
        item.title
        for s in home_sections(lead)
        if s.title == "Questions waiting for an answer"
        for item in s.items
    ]
    page = client_for(lead).get("/questions/?show=unanswered").content.decode()
    assert question.title.replace("'", "&#x27;") in page


def test_digest_queries(question, member, lead, outsider, partnership):
    from datetime import timedelta

    from django.utils import timezone

    since = timezone.now() - timedelta(minutes=1)
    other = QuestionFactory(author=outsider, partnership=outsider.partnerships.first())
    assert queries.recent_questions(lead, since=since) == [other, question]
    assert queries.recent_questions(lead, exclude_partnerships=[partnership]) == [other]
    mine = services.post_answer(question, author=member, body="Update from me")
    theirs = services.post_answer(question, author=lead, body="From Liam")
    assert queries.new_answers_for_followed(member, since=since) == [theirs]
    assert mine not in queries.new_answers_for_followed(member, since=since)
    assert queries.new_answers_for_followed(outsider, since=since) == []  # not following
