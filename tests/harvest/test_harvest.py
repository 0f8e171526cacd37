"""The harvest: facilitators and officers only; what partnerships said and shared with the
programme, by theme and period (never set sessions, partnership-only words or unshared
reflections); a selection starts a draft briefing with voice blocks filled in."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest

from briefings import services as briefings_services
from briefings.factories import create_briefing
from briefings.models import BriefingPage
from events.factories import EventPageFactory
from events.models import EventMaterial, EventPage
from events.models.pages import Audience as EventAudience
from hub.learning import services as learning
from hub.learning.models import Framework
from hub.library.factories import NoteFactory, ResourceFactory
from hub.library.models import Visibility
from hub.people.factories import member_of
from hub.themes.factories import ThemeFactory

URL = "/harvest/"


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Co-production with parents", slug="co-production")


@pytest.fixture
def other_theme(db):
    return ThemeFactory(name="Digital safeguarding", slug="digital-safeguarding")


@pytest.fixture
def briefing(db, theme):
    briefings_services.ensure_index()
    return create_briefing(title="Listening first", themes=[theme], series_number=1)


@pytest.fixture
def parent(partnership):
    return member_of(partnership, display_name="Pat", role_in_own_words="parent")


@pytest.fixture
def world(briefing, parent, member, partnership, facilitator, theme, other_theme):
    prompt = briefing.prompts[0][0]
    briefings_services.respond(parent, briefing, prompt, "Being asked first made us trust them")
    briefings_services.respond(
        member, briefing, prompt, "Only for our partnership to read", partnership=partnership
    )
    huddle = EventPageFactory(
        title="Huddle on parent forums",
        start=timezone.now() - timedelta(days=3),
        themes=[theme],
    )
    EventMaterial.objects.create(
        event=huddle, kind="notes", title="Notes", notes="Forums work when parents set the agenda"
    )
    group = Group.objects.create(name="A learning set")
    session = EventPageFactory(
        title="Set session",
        kind=EventPage.Kind.LEARNING_SET_SESSION,
        audience=EventAudience.GROUP,
        restricted_to_group=group,
        start=timezone.now() - timedelta(days=3),
        themes=[theme],
    )
    EventMaterial.objects.create(
        event=session, kind="notes", title="Notes", notes="What is said in the set stays there"
    )
    resource = ResourceFactory(themes=[other_theme], visibility=Visibility.PROGRAMME)
    NoteFactory(resource=resource, body="A safety plan written with young people")
    framework = Framework.objects.create(partnership=partnership, facilitator=facilitator)
    today = timezone.localdate()
    shared = learning.record_meeting(
        framework,
        held_on=today - timedelta(days=10),
        noticed="Kept in the room",
        summary="Families are meeting without us now",
        by=member,
    )
    learning.share_summary(shared, share=True, by=member)
    learning.record_meeting(
        framework,
        held_on=today - timedelta(days=5),
        noticed="Also kept in the room",
        summary="An unshared summary about a hard month",
        by=member,
    )
    learning.post_went_well(
        partnership,
        kind="small_win",
        title="A dad came back",
        body="He brought a friend.",
        by=member,
    )
    learning.post_went_well(
        partnership,
        kind="thank_you",
        title="Not shared yet",
        body="Draft words",
        share=False,
        by=member,
    )
    return {"briefing": briefing}


def _text(response):
    return response.content.decode()


def test_only_facilitators_and_officers_may_open_it(world, member, lead, client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    for person in (member, lead):
        assert client_for(person).get(URL).status_code == 403


def test_it_gathers_what_was_shared_and_nothing_else(world, officer, facilitator, client_for):
    for person in (officer, facilitator):
        page = _text(client_for(person).get(URL))
        assert "Being asked first made us trust them" in page
        assert "Forums work when parents set the agenda" in page
        assert "A safety plan written with young people" in page
        assert "Families are meeting without us now" in page
        assert "A dad came back" in page
        # Never a set's words, a partnership-only response or anything not shared.
        for secret in (
            "What is said in the set stays there",
            "Only for our partnership to read",
            "An unshared summary about a hard month",
            "Kept in the room",
            "Not shared yet",
        ):
            assert secret not in page, (person, secret)


def test_a_theme_narrows_it(world, officer, client_for):
    page = _text(client_for(officer).get(URL, {"theme": "digital-safeguarding"}))
    assert "A safety plan written with young people" in page
    assert "Being asked first made us trust them" not in page
    assert "Families are meeting without us now" not in page  # reflections carry no theme


def test_a_period_narrows_it(world, officer, parent, client_for):
    from briefings.models import BriefingResponse

    BriefingResponse.objects.filter(author=parent).update(
        created_at=timezone.now() - timedelta(days=60)
    )
    client = client_for(officer)
    assert "Being asked first" not in _text(client.get(URL, {"period": "1"}))
    assert "Being asked first" in _text(client.get(URL, {"period": "3"}))


def _keys(client):
    response = client.get(URL)
    return {
        item["item"].text: item["item"].key
        for group in response.context["groups"]
        for item in group["rows"]
    }


def test_a_selection_starts_a_draft_with_voice_blocks(world, officer, theme, client_for):
    client = client_for(officer)
    keys = _keys(client)
    response = client.post(
        URL,
        {
            "title": "What parents taught us this term",
            "theme": "",
            "period": "3",
            "items": [
                keys["Being asked first made us trust them"],
                keys["Families are meeting without us now"],
            ],
        },
    )
    draft = BriefingPage.objects.get(title="What parents taught us this term")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live
    latest = draft.get_latest_revision_as_object()
    blocks = [(block.block_type, block.value) for block in latest.body]
    voices = [value for kind, value in blocks if kind == "voice"]
    assert voices[0]["quote"] == "Being asked first made us trust them"
    assert voices[0]["role"] == "parent"
    assert not voices[0]["name"]
    paragraphs = [str(value) for kind, value in blocks if kind == "paragraph"]
    assert any("Families are meeting without us now" in p for p in paragraphs)
    # A draft: no visitor or member reads it.
    assert "What parents taught us" not in _text(client_for(None).get("/briefings/"))


def test_nothing_selected_and_no_title_are_refused_keeping_the_input(world, officer, client_for):
    client = client_for(officer)
    response = client.post(URL, {"title": "", "period": "3", "items": []})
    assert response.status_code == 400
    page = _text(response)
    assert "There is a problem" in page
    assert "Give the draft briefing a title." in page
    assert "Choose at least one thing to start the briefing with." in page
    assert 'href="#id_items_0"' in page and 'href="#id_title"' in page

    key = _keys(client)["Being asked first made us trust them"]
    response = client.post(URL, {"title": "", "period": "3", "items": [key]})
    page = _text(response)
    assert f'value="{key}" id="id_items_0" checked' in page
    response = client.post(URL, {"title": "Kept title", "period": "3", "items": []})
    assert 'value="Kept title"' in _text(response)
    assert not BriefingPage.objects.filter(title="Kept title").exists()


def test_an_item_the_person_cannot_see_cannot_be_taken(world, officer, client_for):
    response = client_for(officer).post(
        URL, {"title": "Sneaky", "period": "3", "items": ["response-999999"]}
    )
    assert response.status_code == 400
    assert not BriefingPage.objects.filter(title="Sneaky").exists()


def test_the_harvest_queries_do_not_grow(
    world, officer, partnership, briefing, client_for, assert_flat_queries
):
    prompt = briefing.prompts[0][0]
    framework = Framework.objects.get(partnership=partnership)
    writer = member_of(partnership, role_in_own_words="practitioner")

    def grow(n):
        for i in range(n):
            briefings_services.respond(writer, briefing, prompt, f"Response {i}")
            huddle = EventPageFactory(start=timezone.now() - timedelta(days=2))
            EventMaterial.objects.create(event=huddle, kind="notes", title="N", notes=f"Notes {i}")
            NoteFactory(body=f"Library note {i}")
            meeting = learning.record_meeting(
                framework,
                held_on=timezone.localdate() - timedelta(days=1),
                noticed="x",
                summary=f"Summary {i}",
                by=writer,
            )
            learning.share_summary(meeting, share=True, by=writer)
            learning.post_went_well(
                partnership, kind="success", title=f"Win {i}", body="b", by=writer
            )

    client = client_for(officer)

    def run():
        assert client.get(URL).status_code == 200

    assert_flat_queries(run, grow)


def test_approved_voices_from_the_bank_are_harvested_and_quoted_live_in_the_draft(
    db, officer, client_for
):
    from hub.voices.factories import make_voice
    from hub.voices.models import Status

    approved = make_voice("We stopped feeling like the only ones")
    make_voice("Still waiting for my yes", status=Status.AWAITING)
    make_voice("I took these words back", status=Status.WITHDRAWN)
    client = client_for(officer)
    keys = _keys(client)
    assert "We stopped feeling like the only ones" in keys
    assert "Still waiting for my yes" not in keys
    assert "I took these words back" not in keys

    client.post(
        URL,
        {
            "title": "Voices from the bank",
            "theme": "",
            "period": "3",
            "items": [keys["We stopped feeling like the only ones"]],
        },
    )
    draft = BriefingPage.objects.get(title="Voices from the bank")
    latest = draft.get_latest_revision_as_object()
    bank = [block.value for block in latest.body if block.block_type == "bank_voice"]
    assert [value["voice"] for value in bank] == [approved]
