"""Who may see an event: public, programme (default) and group-only, on every path."""

from django.contrib.auth.models import AnonymousUser, Group

import pytest

from events.factories import EventPageFactory
from events.models import EventPage
from events.queries import search_events, upcoming_events
from events.whats_new import ComingUp
from hub.people.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return Group.objects.create(name="Learning set: Tide")


@pytest.fixture
def events(group):
    return {
        "public": EventPageFactory(title="Open webinar on evaluation", audience="public"),
        "programme": EventPageFactory(title="Programme huddle on framing"),
        "group": EventPageFactory(
            title="Confidential set session", audience="group", restricted_to_group=group
        ),
    }


def visible_titles(user):
    return set(EventPage.objects.live().visible_to(user).values_list("title", flat=True))


def test_visible_to_and_can_view_agree(events, group, member, officer):
    in_group = UserFactory()
    in_group.groups.add(group)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    waiting = UserFactory(is_approved=False)
    waiting.groups.add(group)
    expected = {
        None: {"Open webinar on evaluation"},
        "waiting": {"Open webinar on evaluation"},
        "member": {"Open webinar on evaluation", "Programme huddle on framing"},
        # Officers and superusers do not get into confidential group events.
        "officer": {"Open webinar on evaluation", "Programme huddle on framing"},
        "superuser": {"Open webinar on evaluation", "Programme huddle on framing"},
        "in_group": {
            "Open webinar on evaluation",
            "Programme huddle on framing",
            "Confidential set session",
        },
    }
    people = {
        None: AnonymousUser(),
        "waiting": waiting,
        "member": member,
        "officer": officer,
        "superuser": superuser,
        "in_group": in_group,
    }
    for key, person in people.items():
        assert visible_titles(person) == expected[key], key
        assert {e.title for e in events.values() if e.can_view(person)} == expected[key], key


def test_can_view_runs_no_query_once_warmed(events, member, django_assert_num_queries):
    EventPage.objects.live().visible_to(member).count()  # warms the group ids
    pages = list(EventPage.objects.live().specific())
    with django_assert_num_queries(0):
        for page in pages * 50:
            page.can_view(member)


def test_pages_refuse_people_who_cannot_see_them(client_for, events, member, officer):
    visitor = client_for(None)
    assert visitor.get(events["public"].url).status_code == 200
    response = visitor.get(events["programme"].url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert visitor.get(events["group"].url).status_code == 404
    assert client_for(member).get(events["programme"].url).status_code == 200
    assert client_for(member).get(events["group"].url).status_code == 404
    assert client_for(officer).get(events["group"].url).status_code == 404


def test_index_lists_only_what_the_viewer_may_see(client_for, events, member):
    index_url = events["public"].get_parent().url
    page = client_for(None).get(index_url).content.decode()
    assert "Open webinar on evaluation" in page
    assert "Programme huddle on framing" not in page
    page = client_for(member).get(index_url).content.decode()
    assert "Programme huddle on framing" in page
    assert "Confidential set session" not in page


def test_calendars_json_search_and_home_respect_visibility(client_for, events, member):
    for key in ("programme", "group"):
        assert client_for(None).get(f"/events/{events[key].pk}/event.ics").status_code == 404
    assert client_for(member).get(f"/events/{events['group'].pk}/event.ics").status_code == 404
    assert client_for(member).get(f"/events/{events['programme'].pk}/event.ics").status_code == 200
    public_feed = client_for(None).get("/events/calendar/public.ics").content.decode()
    assert "Open webinar on evaluation" in public_feed
    assert "Programme huddle" not in public_feed
    data = client_for(None).get("/events/upcoming.json").json()
    assert [e["title"] for e in data["events"]] == ["Open webinar on evaluation"]
    assert {e.title for e in upcoming_events(member)} == {
        "Open webinar on evaluation",
        "Programme huddle on framing",
    }
    assert [e.title for e in search_events(AnonymousUser(), "framing")] == []
    assert [e.title for e in search_events(member, "framing")] == ["Programme huddle on framing"]
    assert [e.title for e in search_events(member, "Confidential")] == []
    section = ComingUp().for_person(AnonymousUser(), limit=5)
    assert [e.title for e in section.objects] == ["Open webinar on evaluation"]


def test_sitemap_lists_public_events_only(client, events):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert events["public"].slug in sitemap
    assert events["programme"].slug not in sitemap
    assert events["group"].slug not in sitemap


def test_drafts_are_not_listed(client_for, member):
    EventPageFactory(title="Draft huddle", live=False)
    assert "Draft huddle" not in {e.title for e in upcoming_events(member)}
