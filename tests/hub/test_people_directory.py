"""The people directory, profiles and the profile-edit form: filters, the choices people make
(appear or not, show email or not), pictures, privacy on every path, and query counts."""

import io
import re
from html import unescape
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from hub.library.factories import ResourceFactory
from hub.library.models import Visibility
from hub.people.factories import MembershipFactory, PartnershipFactory, UserFactory
from hub.questions.factories import AnswerFactory
from hub.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

MARKER = "HIDDEN-PROFILE-MARKER-31"


def text(response):
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def picture(fmt="PNG", size=(800, 600)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return SimpleUploadedFile(f"me.{fmt.lower()}", out.getvalue(), content_type="image/png")


@pytest.fixture
def people(partnership, other_partnership):
    story = ThemeFactory(name="Story gathering and telling")
    online = ThemeFactory(name="Working online")
    asha = UserFactory(
        display_name="Asha Patel",
        role_in_own_words="parent and forum chair",
        ask_me_about="setting up a parents' forum",
    )
    asha.themes.set([story])
    MembershipFactory(person=asha, partnership=partnership)
    ben = UserFactory(display_name="Ben Okafor", role_in_own_words="data lead")
    ben.themes.set([online])
    MembershipFactory(person=ben, partnership=other_partnership)
    return {"asha": asha, "ben": ben, "story": story, "online": online}


@pytest.mark.parametrize(
    "url", ["/people/", "/people/1/", "/people/1/picture.jpg", "/profile/", "/my-hub/"]
)
def test_visitors_never_see_the_directory_or_profiles(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("query", "shown", "not_shown"),
    [
        ("q=asha", "Asha Patel", "Ben Okafor"),
        ("q=forum", "Asha Patel", "Ben Okafor"),  # "ask me about"
        ("role=data", "Ben Okafor", "Asha Patel"),
        ("partnership=pennine-early-help-alliance", "Ben Okafor", "Asha Patel"),
        ("theme=story-gathering-and-telling", "Asha Patel", "Ben Okafor"),
    ],
)
def test_the_directory_filters(client_for, member, people, query, shown, not_shown):
    page = text(client_for(member).get(f"/people/?{query}"))
    assert shown in page and not_shown not in page
    assert "match" in page


def test_the_directory_card_says_what_to_ask_about(client_for, member, people):
    page = text(client_for(member).get("/people/"))
    assert "Asha Patel parent and forum chair Harbourside Families Together" in page
    assert "Ask me about: setting up a parents' forum" in page


@pytest.mark.parametrize(
    "query",
    ["partnership=nowhere", "theme=%00", "page=abc", "page=999", "q=%00x", "role=" + "x" * 500],
)
def test_no_get_parameter_makes_the_directory_fail(client_for, member, people, query):
    response = client_for(member).get(f"/people/?{query}")
    # A NUL byte is refused with the hub's clear 400 page (hub.core.refusals), never a 500.
    assert response.status_code == (400 if "%00" in query else 200)
    assert not text(response).startswith("Error")


@pytest.fixture
def hider(partnership):
    person = UserFactory(
        display_name="Hana Hidden",
        role_in_own_words=f"role {MARKER}",
        ask_me_about=f"zanzibar {MARKER}",
        bio=f"bio {MARKER}",
        in_directory=False,
    )
    MembershipFactory(person=person, partnership=partnership)
    return person


@pytest.mark.parametrize("who", ["member", "lead", "outsider", "officer", "facilitator"])
def test_a_person_who_hid_their_profile_reaches_no_other_role(
    request, client_for, hider, partnership, who
):
    client = client_for(request.getfixturevalue(who))
    paths = [
        "/people/",
        "/people/?q=Hana",
        "/people/?q=zanzibar",
        f"/people/{hider.pk}/",
        "/search/?q=Hana",
        "/search/?q=zanzibar",
        f"/partnerships/{partnership.slug}/members/",
        "/api/v2/pages/?search=zanzibar",
    ]
    for path in paths:
        response = client.get(path)
        assert MARKER not in response.content.decode(), path
    assert client.get(f"/people/{hider.pk}/").status_code == 404


def test_the_person_who_hid_still_sees_their_own_profile(client_for, hider):
    page = text(client_for(hider).get(f"/people/{hider.pk}/"))
    assert MARKER in page and "Only you can see this page" in page


def test_email_shows_only_when_the_person_chooses(client_for, member, people):
    asha = people["asha"]
    client = client_for(member)
    assert asha.email not in client.get(f"/people/{asha.pk}/").content.decode()
    type(asha).objects.filter(pk=asha.pk).update(show_email=True)
    assert f"mailto:{asha.email}" in client.get(f"/people/{asha.pk}/").content.decode()


def test_a_profile_lists_what_they_shared_and_answered_as_the_viewer_may_see(
    client_for, member, outsider, people, partnership
):
    asha = people["asha"]
    ResourceFactory(title="Our forum's terms of reference", shared_by=asha, partnership=partnership)
    ResourceFactory(
        title="Harbourside-only budget",
        shared_by=asha,
        partnership=partnership,
        visibility=Visibility.PARTNERSHIP,
    )
    AnswerFactory(author=asha, body="We pay for childcare and travel.")
    as_colleague = text(client_for(member).get(f"/people/{asha.pk}/"))
    as_outsider = text(client_for(outsider).get(f"/people/{asha.pk}/"))
    assert "Shared in the library Our forum's terms of reference" in as_outsider
    assert "Harbourside-only budget" in as_colleague
    assert "Harbourside-only budget" not in as_outsider
    assert "Answered" in as_outsider and "We pay for childcare and travel." in as_outsider


def test_people_are_in_site_search_for_members_only(client, client_for, member, people):
    assert "Asha Patel" in text(client_for(member).get("/search/?q=Harbourside"))
    assert "Asha Patel" in text(client_for(member).get("/search/?q=story gathering"))
    assert "Asha Patel" not in text(client_for(None).get("/search/?q=Asha"))


def test_profile_edit_errors_follow_the_form_pattern_and_keep_what_was_typed(client_for, member):
    response = client_for(member).post(
        "/profile/",
        {"display_name": "", "ask_me_about": "running a dads' group", "in_directory": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Your profile" in html
    assert 'class="error-summary"' in html and 'href="#id_display_name"' in html
    assert "Enter your name, as you would like others to see it." in html
    assert "running a dads&#x27; group" in html


def test_choosing_to_leave_the_directory_and_show_email(client_for, member):
    client_for(member).post(
        "/profile/", {"display_name": "Maya Member", "show_email": "on", "ask_me_about": "maps"}
    )
    member.refresh_from_db()
    assert member.in_directory is False and member.show_email is True
    assert member.ask_me_about == "maps"


def test_a_picture_is_checked_and_made_small(client_for, member, outsider):
    client = client_for(member)
    form = {"display_name": "Maya Member", "in_directory": "on", "picture": picture()}
    response = client.post("/profile/", form)
    assert response.status_code == 302
    member.refresh_from_db()
    with member.avatar.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
        assert stored.size == (256, 256) and stored.format == "JPEG"
    shown = client_for(outsider).get(f"/people/{member.pk}/picture.jpg")
    assert shown["Content-Type"] == "image/jpeg" and shown["Cache-Control"].startswith("private")
    own_page = client.get(f"/people/{member.pk}/").content.decode()
    assert f"/people/{member.pk}/picture.jpg" in own_page


def test_a_file_that_is_not_a_picture_is_refused_by_the_field(client_for, member):
    fake = SimpleUploadedFile("me.png", b"%PDF-1.4 not a picture", content_type="image/png")
    response = client_for(member).post("/profile/", {"display_name": "Maya", "picture": fake})
    html = response.content.decode()
    assert response.status_code == 200 and "Choose a picture" in html or "PDF" in html
    member.refresh_from_db()
    assert not member.avatar and member.display_name == "Maya Member"


def test_initials_without_a_picture(client_for, member, people):
    html = client_for(member).get("/people/?q=asha").content.decode()
    assert ">AP</span>" in html


def test_the_directory_costs_the_same_queries_with_ten_times_the_people(
    client_for, member, assert_flat_queries
):
    theme = ThemeFactory(name="Scaling deep")
    numbers = count()

    def grow(n):
        for _ in range(n):
            i = next(numbers)
            partnership = PartnershipFactory(name=f"Zebrafish partnership {i}")
            person = UserFactory(display_name=f"Zebrafish person {i}", ask_me_about="maps")
            person.themes.set([theme])
            MembershipFactory(person=person, partnership=partnership)

    client = client_for(member)

    def run():
        page = text(client.get("/people/?q=zebrafish"))
        assert "Zebrafish person 0" in page

    print(f"Directory: {assert_flat_queries(run, grow)} queries")


def test_a_lead_sees_their_roster_with_who_is_not_in_the_directory(
    client_for, lead, hider, people, partnership
):
    page = text(client_for(lead).get(f"/partnerships/{partnership.slug}/members/"))
    assert "Asha Patel parent and forum chair setting up a parents' forum" in page
    assert "Hana Hidden Not in the people directory" in page
