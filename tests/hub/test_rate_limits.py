"""Rate limits on what people post (hub.core.ratelimit): the request past the limit gets a
429 page in the hub's layout that gives back what was typed; a cache that cannot be reached
limits nothing. Signing in is allauth's limit, refused on the form itself."""

from unittest import mock

from django.contrib.contenttypes.models import ContentType

import pytest

from hub.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db

PAUSED = "Please wait a little before trying again"


@pytest.fixture(autouse=True)
def _low_limits(settings):
    settings.HUB_RATE_LIMITS = dict.fromkeys(settings.HUB_RATE_LIMITS, "2/h")


def _third_is_limited(post):
    first, second, third = (post(n) for n in range(3))
    assert first.status_code != 429 and second.status_code != 429
    assert third.status_code == 429
    page = third.content.decode()
    assert PAUSED in page and "<main" in page  # the hub's own layout
    return page


def test_asking_questions_is_limited_and_the_question_is_given_back(client_for, member):
    client = client_for(member)
    page = _third_is_limited(
        lambda n: client.post(
            "/questions/ask/", {"title": f"How do we reach dads? ({n})", "body": "We tried"}
        )
    )
    assert "How do we reach dads? (2)" in page
    assert "<dt>csrfmiddlewaretoken" not in page


def test_answers_invitations_and_reports_are_limited(client_for, member, partnership):
    client = client_for(member)
    question = QuestionFactory(partnership=partnership)
    ct = ContentType.objects.get_for_model(question).pk
    _third_is_limited(
        lambda n: client.post(f"/questions/{question.pk}/answer/", {"body": f"Try this {n}"})
    )
    _third_is_limited(
        lambda n: client.post(f"/moderation/report/{ct}/{question.pk}/", {"reason": f"Why {n}"})
    )
    _third_is_limited(lambda n: client.post("/people/invite/", {"email": f"friend{n}@example.org"}))


def test_reading_is_never_limited(client_for, member):
    client = client_for(member)
    assert {client.get("/questions/ask/").status_code for _ in range(5)} == {200}


def test_with_the_cache_down_nothing_is_limited(client_for, member):
    client = client_for(member)
    with mock.patch("hub.core.ratelimit.cache.incr", side_effect=ConnectionError("no Redis")):
        statuses = [
            client.post("/questions/ask/", {"title": f"Q{n}", "body": "b"}).status_code
            for n in range(4)
        ]
    assert 429 not in statuses


def test_too_many_failed_sign_ins_are_refused_on_the_form_with_the_address_kept(client, member):
    for _ in range(5):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    page = response.content.decode()
    assert "too many" in page.lower()
    assert f'value="{member.email}"' in page
