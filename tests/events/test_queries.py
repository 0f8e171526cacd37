"""What is new: upcoming events, the viewer's statuses in one query, the home slot, and the
index's query count staying flat with 10x more events."""

from datetime import timedelta

from django.utils import timezone

import pytest

from events import services
from events.factories import EventPageFactory
from events.queries import registration_statuses, upcoming_events
from hub.people.factories import UserFactory
from hub.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_upcoming_events_window_limit_and_order(member):
    now = timezone.now()
    soon = EventPageFactory(title="Soon", start=now + timedelta(days=2))
    later = EventPageFactory(title="Later", start=now + timedelta(days=20))
    EventPageFactory(title="Past", start=now - timedelta(days=2))
    EventPageFactory(title="Called off", start=now + timedelta(days=3), is_cancelled=True)
    assert upcoming_events(member) and list(upcoming_events(member)) == [soon, later]
    assert [e.title for e in upcoming_events(member, within_days=7)] == ["Soon"]
    assert [e.title for e in upcoming_events(member, limit=1)] == ["Soon"]


def test_registration_statuses_in_one_query(member, outsider, lead, django_assert_num_queries):
    events = [EventPageFactory(capacity=1) for _ in range(3)]
    services.register(outsider, events[1])
    services.register(member, events[0])
    services.register(member, events[1])  # waitlisted
    with django_assert_num_queries(1):
        statuses = registration_statuses(member, events)
    assert statuses == {events[0].pk: "registered", events[1].pk: "waitlisted"}
    assert registration_statuses(None, events) == {}


def test_events_list_shows_places_left_and_my_status_and_home_my_next_event(
    client_for, member, outsider
):
    event = EventPageFactory(title="Home huddle", capacity=3)
    services.register(outsider, event)
    services.register(member, event)
    page = client_for(member).get(event.get_parent().url).content.decode()
    assert "Home huddle" in page
    assert "1 place left of 3" in page
    assert "You are registered" in page
    # A member's "/" is My hub: their next events first.
    home = client_for(member).get("/").content.decode()
    assert "Your next events" in home and "Home huddle" in home


def test_theme_section(member):
    from events.whats_new import ComingUp

    theme = ThemeFactory(name="Early action")
    EventPageFactory(title="On theme", themes=[theme])
    EventPageFactory(title="Off theme")
    section = ComingUp().for_person(member, limit=5, theme=theme)
    assert [e.title for e in section.objects] == ["On theme"]


def _index_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_index_query_count_stays_flat(client_for, member, partnership):
    from hub.people.factories import MembershipFactory

    theme = ThemeFactory()
    now = timezone.now()

    def make(n):
        for i in range(n):
            event = EventPageFactory(
                start=now + timedelta(days=i + 1) * (1 if i % 2 else -1),
                hosting_partnership=partnership,
                themes=[theme],
                capacity=10,
            )
            other = UserFactory()
            MembershipFactory(person=other, partnership=partnership)
            if event.end > now:
                services.register(other, event)

    client = client_for(member)
    make(3)
    url = EventPageFactory._meta.model.objects.first().get_parent().url
    client.get(url)  # warm the site's cached root paths, as any running site has them
    small = _index_queries(client, url)
    make(27)
    large = _index_queries(client, url)
    # Recorded in the report: the same number of queries for 3 and 30 events.
    assert large == small, (small, large)


def test_the_index_shows_twenty_upcoming_events_a_page_and_keeps_the_filter(client_for, member):
    now = timezone.now()
    for i in range(45):
        EventPageFactory(
            title=f"Webinar {i:02d}", kind="webinar", start=now + timedelta(days=i + 1, hours=1)
        )
    EventPageFactory(title="A huddle", kind="huddle", start=now + timedelta(days=3))
    client = client_for(member)

    first = client.get("/events/?kind=webinar").content.decode()
    assert "Webinar 00" in first and "Webinar 19" in first
    assert "Webinar 20" not in first
    assert "A huddle" not in first
    assert "Page 1 of 3" in first
    assert 'href="?upcoming=2&amp;kind=webinar">Later events</a>' in first

    last = client.get("/events/?kind=webinar&upcoming=3").content.decode()
    assert "Webinar 40" in last and "Webinar 44" in last
    assert "Webinar 39" not in last
    assert 'href="?upcoming=2&amp;kind=webinar">Sooner events</a>' in last
    assert "Later events" not in last

    # Anything else as a page number shows a page, never an error; a NUL byte is refused
    # with the hub's clear 400 page (hub.core.refusals), never a 500.
    for nonsense in ("0", "-1", "999", "abc"):
        assert client.get(f"/events/?upcoming={nonsense}").status_code == 200
    assert client.get("/events/?upcoming=1%00").status_code == 400


def test_the_index_html_does_not_grow_with_upcoming_events(client):
    now = timezone.now()

    def size():
        return len(client.get("/events/").content)

    for i in range(20):
        EventPageFactory(audience="public", start=now + timedelta(days=i + 1))
    twenty = size()
    for i in range(200):
        EventPageFactory(audience="public", start=now + timedelta(days=i + 30))
    assert size() < twenty * 1.05
