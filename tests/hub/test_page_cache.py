"""The visitors' page cache: public pages from memory, never a signed-in or private one."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from briefings.factories import create_briefing
from events.factories import EventPageFactory, RegistrationFactory
from hub.core import page_cache
from hub.core.page_cache import HEADER
from hub.people.factories import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 60
    page_cache.clear()
    yield
    page_cache.clear()


def _get(client, path, **extra):
    response = client.get(path, **extra)
    return response, response.headers.get(HEADER)


def test_a_visitors_second_visit_to_a_briefing_is_served_from_memory_with_no_query(client):
    briefing = create_briefing(title="What families told us")
    first, state = _get(client, briefing.url)
    assert first.status_code == 200
    assert state == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, state = _get(client, briefing.url)
    assert state == "hit"
    assert len(queries) == 0
    assert "What families told us" in second.content.decode()
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_publishing_a_change_is_seen_at_once(client):
    briefing = create_briefing(title="What families told us")
    _get(client, briefing.url)
    briefing.title = "What families and schools told us"
    briefing.save_revision().publish()
    response, state = _get(client, briefing.url)
    assert state == "miss"
    assert "What families and schools told us" in response.content.decode()


def test_unpublishing_takes_the_page_away_at_once(client):
    briefing = create_briefing(title="Soon gone")
    url = briefing.url
    assert _get(client, url)[0].status_code == 200
    briefing.unpublish()
    assert client.get(url).status_code == 404


def test_a_registration_empties_the_cache_so_places_left_stay_true(client, member):
    event = EventPageFactory(title="Open huddle", audience="public", capacity=10)
    _get(client, event.url)
    assert _get(client, event.url)[1] == "hit"
    RegistrationFactory(event=event, person=member)
    assert _get(client, event.url)[1] == "miss"


def test_a_signed_in_member_is_never_served_nor_stored(client, member):
    briefing = create_briefing(title="What families told us")
    client.force_login(member)
    response, state = _get(client, briefing.url)
    assert state is None
    assert response["Cache-Control"].startswith("private") or "private" in response["Cache-Control"]
    # The member's page was not kept: the visitor's first visit is a miss, with no member's name.
    client.logout()
    client.cookies.clear()
    visitor, state = _get(client, briefing.url)
    assert state == "miss"
    assert member.display_name not in visitor.content.decode()
    # And a visitor's cached page is never handed to the member.
    client.force_login(member)
    again, state = _get(client, briefing.url)
    assert state is None
    assert member.display_name in again.content.decode() or "Sign out" in again.content.decode()


def test_a_page_with_a_form_is_never_stored(client):
    # The sign-in page carries a CSRF token (one visitor's); so does any page with a form.
    response, state = _get(client, "/accounts/login/")
    assert response.status_code == 200
    assert state is None
    assert _get(client, "/accounts/login/")[1] is None


def test_a_page_that_sets_a_csrf_cookie_is_not_stored(client, rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    def view(request):
        get_token(request)
        return HttpResponse("<form></form>", content_type="text/html")

    request = rf.get("/briefings/")
    request.COOKIES = {}
    response = page_cache.AnonymousPageCacheMiddleware(view)(request)
    assert HEADER not in response


def test_a_set_session_page_is_refused_to_a_visitor_after_a_member_saw_it(
    client, facilitator, partnership
):
    from learning_sets import services
    from learning_sets.factories import make_set

    person = member_of(partnership, email="setmember@example.org", display_name="Sam Setmember")
    learning_set = make_set(facilitators=[facilitator], members=[person], status="meeting")
    now = timezone.now()
    session = services.schedule_session(
        learning_set,
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
        joining_link="https://meet.example.org/secret-set-room",
        presenters=[],
        by=facilitator,
    )
    from events.models import EventPage

    url = EventPage.objects.get(pk=session.event_page_id).url
    client.force_login(person)
    assert client.get(url).status_code == 200
    client.logout()
    client.cookies.clear()
    for _ in range(2):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        assert b"secret-set-room" not in response.content
        assert HEADER not in response


def test_a_programme_only_event_is_refused_to_visitors_each_time(client, member):
    event = EventPageFactory(title="Members' huddle", audience="programme")
    client.force_login(member)
    assert client.get(event.url).status_code == 200
    client.logout()
    client.cookies.clear()
    for _ in range(2):
        response = client.get(event.url)
        assert response.status_code != 200 or b"huddle-secret-room" not in response.content
        assert response.headers.get(HEADER) is None


def test_a_visitor_with_a_session_or_messages_cookie_goes_through(client):
    briefing = create_briefing()
    _get(client, briefing.url)
    client.cookies["sessionid"] = "whatever"
    assert _get(client, briefing.url)[1] is None
    client.cookies.clear()
    client.cookies["messages"] = "something"
    assert _get(client, briefing.url)[1] is None


def test_only_public_paths_are_cached(client):
    assert _get(client, "/healthz/")[1] is None
    assert _get(client, "/search/?q=parents")[1] is None
    assert _get(client, "/themes/")[1] == "miss"


def test_the_query_string_is_part_of_the_key(client):
    create_briefing(title="Only one")
    assert _get(client, "/briefings/")[1] == "miss"
    assert _get(client, "/briefings/?page=2")[1] in ("miss", None)
    assert _get(client, "/briefings/")[1] == "hit"


def test_off_when_the_setting_is_zero(client, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 0
    briefing = create_briefing()
    assert _get(client, briefing.url)[1] is None
    assert _get(client, briefing.url)[1] is None
