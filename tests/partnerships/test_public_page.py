"""A partnership's public page, /partnerships/<slug>/: who they are, where, what they have
shared publicly and the events they host, for visitors too, as each role may see it. The
space (threads, replies) and members' hidden profile fields never appear there."""

import re
from datetime import timedelta
from html import unescape

from django.utils import timezone

import pytest

from events.factories import EventPageFactory
from hub.library.factories import ResourceFactory
from hub.library.models import Visibility
from hub.partnerships import services
from hub.people.factories import MembershipFactory, UserFactory
from hub.people.models import Membership

pytestmark = pytest.mark.django_db

THREAD = "THREAD-MARKER-ON-THE-NOTICEBOARD"
REPLY = "REPLY-MARKER-IN-THE-SPACE"
HIDDEN_LEAD = "Hidden-Lead-Marker"
HIDDEN_EMAIL = "hidden-email-marker@example.org"


def text(response):
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture
def world(partnership, member, lead):
    partnership.description = "Parents and the council, designing early help together."
    partnership.save()
    thread = services.post_thread(partnership, author=member, title=THREAD, body="Private words")
    services.post_reply(thread, author=lead, body=REPLY)
    hidden = UserFactory(display_name=HIDDEN_LEAD, email=HIDDEN_EMAIL, in_directory=False)
    MembershipFactory(person=hidden, partnership=partnership, role=Membership.Role.LEAD)
    ResourceFactory(
        title="Our open co-production guide", partnership=partnership, visibility=Visibility.PUBLIC
    )
    ResourceFactory(
        title="Our programme-only evaluation",
        partnership=partnership,
        visibility=Visibility.PROGRAMME,
    )
    EventPageFactory(
        title="Huddle hosted in Portsmouth",
        audience="public",
        hosting_partnership=partnership,
        start=timezone.now() + timedelta(days=7),
    )
    return thread


def _everywhere_private_is_absent(page):
    for marker in (THREAD, REPLY, "Private words", HIDDEN_LEAD, HIDDEN_EMAIL):
        assert marker not in page


def test_a_visitor_sees_who_they_are_what_they_share_publicly_and_their_events(
    client, partnership, world
):
    response = client.get(f"/partnerships/{partnership.slug}/")
    assert response.status_code == 200
    page = text(response)
    assert "Harbourside Families Together" in page and "Portsmouth" in page
    assert "designing early help together" in page
    assert "Our open co-production guide" in page
    assert "Huddle hosted in Portsmouth" in page
    assert "Our programme-only evaluation" not in page
    assert "Partnership space" not in page and "/space/" not in response.content.decode()
    assert "Liam Lead" not in page  # who belongs to a partnership is for the programme
    _everywhere_private_is_absent(page)
    listing = text(client.get("/partnerships/"))
    assert "Harbourside Families Together" in listing and "member" not in listing


def test_a_member_of_another_partnership_sees_more_but_nothing_of_the_space(
    client_for, partnership, outsider, world
):
    page = text(client_for(outsider).get(f"/partnerships/{partnership.slug}/"))
    assert "Our programme-only evaluation" in page
    assert "Liam Lead" in page  # a lead who appears in the directory
    assert "Partnership space" not in page
    _everywhere_private_is_absent(page)


def test_its_own_people_see_the_way_into_the_space(client_for, partnership, member, world):
    page = text(client_for(member).get(f"/partnerships/{partnership.slug}/"))
    assert "Open your partnership's space" in page
    assert THREAD in page  # their own noticeboard, the way in
    assert REPLY not in page and HIDDEN_LEAD not in page and HIDDEN_EMAIL not in page


@pytest.mark.parametrize("who", ["officer", "facilitator"])
def test_the_programme_team_sees_the_public_page_with_activity_counts(
    request, client_for, partnership, world, who
):
    person = request.getfixturevalue(who)
    page = text(client_for(person).get(f"/partnerships/{partnership.slug}/"))
    assert "Our open co-production guide" in page
    assert "1 new thread and 1 reply" in page
    _everywhere_private_is_absent(page)


def test_events_resources_and_profiles_link_to_the_public_page(
    client, client_for, partnership, member, world
):
    url = f'href="/partnerships/{partnership.slug}/"'
    from events.models import EventPage
    from hub.library.models import Resource

    event = EventPage.objects.get(title="Huddle hosted in Portsmouth")
    assert url in client.get(event.url).content.decode()
    assert url in client.get("/events/").content.decode()
    resource = Resource.objects.get(title="Our open co-production guide")
    assert url in client.get(resource.get_absolute_url()).content.decode()
    assert url in client_for(member).get(f"/people/{member.pk}/").content.decode()


def test_a_closed_partnership_has_no_public_page(client, partnership):
    partnership.active = False
    partnership.save()
    assert client.get(f"/partnerships/{partnership.slug}/").status_code == 404


def test_the_space_names_someone_hidden_from_the_directory_with_nothing_of_their_profile(
    client_for, partnership, member
):
    hidden = UserFactory(
        display_name="Hana Hidden", in_directory=False, role_in_own_words=HIDDEN_LEAD
    )
    MembershipFactory(person=hidden, partnership=partnership)
    html = client_for(member).get(f"/partnerships/{partnership.slug}/space/").content.decode()
    assert "Hana Hidden" in html
    assert HIDDEN_LEAD not in html and hidden.get_absolute_url() not in html
