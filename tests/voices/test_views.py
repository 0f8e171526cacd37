"""The bank's pages: for the learning team only, with filters, where each voice is used,
whose voices are heard (the bank and a draft briefing), and flat query counts."""

from django.urls import reverse

import pytest

from briefings.factories import create_briefing
from hub.people.factories import MembershipFactory, UserFactory
from hub.voices.factories import bank_voice_block, make_voice
from hub.voices.models import RoleGroup, Status, Use, Voice

pytestmark = pytest.mark.django_db

BANK = reverse("voices:bank")
HEARD = reverse("voices:heard")


@pytest.mark.parametrize("who", ["visitor", "member", "lead", "outsider"])
def test_the_bank_is_for_the_learning_team_only(who, request, client_for):
    make_voice("Team-only words")
    user = None if who == "visitor" else request.getfixturevalue(who)
    response = client_for(user).get(BANK)
    assert response.status_code in (302, 403)
    assert "Team-only words" not in response.content.decode()
    voice = Voice.objects.get()
    for path in (voice.get_absolute_url(), reverse("voices:edit", args=[voice.pk]), HEARD):
        assert client_for(user).get(path).status_code in (302, 403)


def test_the_bank_lists_and_filters_voices_with_where_they_are_used(
    client_for, facilitator, partnership, index
):
    used = make_voice("Words used in a briefing", partnership=partnership)
    make_voice("Words waiting", status=Status.AWAITING, use=Use.PROGRAMME)
    make_voice("", status=Status.WITHDRAWN)
    create_briefing(title="Where families lead", body=[bank_voice_block(used)])
    client = client_for(facilitator)
    text = client.get(BANK).content.decode()
    assert "2 voices" in text
    assert "Words used in a briefing" in text and "used in 1 page" in text
    assert "Words waiting" in text and "not used yet" in text
    waiting = client.get(BANK, {"status": "awaiting"}).content.decode()
    assert "Words waiting" in waiting and "Words used in a briefing" not in waiting
    theirs = client.get(BANK, {"partnership": partnership.pk}).content.decode()
    assert "Words used in a briefing" in theirs and "Words waiting" not in theirs
    page = client.get(used.get_absolute_url()).content.decode()
    assert "Where families lead" in page
    assert "Approved" in page


def test_adding_a_voice_follows_the_form_pattern_and_asks_the_person(
    client_for, facilitator, speaker
):
    client = client_for(facilitator)
    refused = client.post(reverse("voices:add"), {"quote": ""})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "There is a problem" in text
    assert "Enter their words." in text
    assert "Choose an answer for “Who may read their words?”." in text
    response = client.post(
        reverse("voices:add"),
        {
            "quote": "We were treated as experts in our own lives.",
            "kind": "quote",
            "role": "dad",
            "role_group": "parent",
            "use": "programme",
            "review_date": "1 6 2027",
            "source": "huddle",
            "source_detail": "Huddle on co-production",
            "speaker": speaker.pk,
        },
    )
    voice = Voice.objects.get()
    assert response.status_code == 302 and response["Location"] == voice.get_absolute_url()
    assert voice.status == Status.AWAITING
    assert voice.speaker == speaker


def test_a_form_refusal_from_the_service_is_shown_on_its_field(client_for, facilitator):
    response = client_for(facilitator).post(
        reverse("voices:add"),
        {
            "quote": "Words from a response.",
            "kind": "quote",
            "role": "parent",
            "role_group": "parent",
            "use": "public",
            "review_date": "2027-06-01",
            "source": "response",
            "speaker_email": "dee@example.org",
        },
    )
    assert response.status_code == 400
    assert "Only use words from something a person wrote" in response.content.decode()
    assert not Voice.objects.exists()


def test_whose_voices_for_the_bank_and_for_a_draft(client_for, facilitator, partnership, index):
    MembershipFactory(person=UserFactory(role_in_own_words="mum"), partnership=partnership)
    parent = make_voice(role_group=RoleGroup.PARENT, partnership=partnership)
    make_voice(role_group=RoleGroup.SENIOR_LEADER)
    draft = create_briefing(title="Draft on power", body=[bank_voice_block(parent)], publish=False)
    client = client_for(facilitator)
    bank = client.get(HEARD).content.decode()
    assert "Every voice in the bank (2)" in bank
    assert "<caption>By role</caption>" in bank
    text = client.get(HEARD, {"page": draft.pk}).content.decode()
    assert "Draft on power" in text
    assert "The voices in the latest draft of this page (1)" in text
    # One parent from Harbourside, beside the programme's members.
    assert '<th scope="row">Parent or carer</th><td>1</td><td>100%</td>' in text
    assert '<th scope="row">Harbourside Families Together</th><td>1</td>' in text


def test_the_briefing_edit_view_links_to_whose_voices(client_for, facilitator, index):
    draft = create_briefing(title="Draft on power", publish=False)
    text = client_for(facilitator).get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert f"/voices/whose-voices/?page={draft.pk}" in text


def _grow_voices(partnership, index):
    def grow(n):
        for _ in range(n):
            voice = make_voice(partnership=partnership, speaker=UserFactory())
            create_briefing(body=[bank_voice_block(voice)])

    return grow


def test_the_bank_costs_the_same_queries_with_ten_times_the_voices(
    assert_flat_queries, client_for, facilitator, partnership, index
):
    client = client_for(facilitator)

    def run():
        assert client.get(BANK).status_code == 200

    assert_flat_queries(run, _grow_voices(partnership, index))


def test_whose_voices_costs_the_same_queries_with_ten_times_the_voices(
    assert_flat_queries, client_for, facilitator, partnership, index
):
    client = client_for(facilitator)

    def run():
        assert client.get(HEARD).status_code == 200

    assert_flat_queries(run, _grow_voices(partnership, index))


@pytest.mark.parametrize("who", ["team", "speaker"])
def test_a_voice_page_and_check_page_cost_the_same_with_ten_times_the_decisions(
    who, assert_flat_queries, client_for, facilitator, speaker, index
):
    from hub.voices import services

    voice = make_voice(speaker=speaker)
    client = client_for(facilitator if who == "team" else speaker)
    url = voice.get_absolute_url() if who == "team" else voice.check_url

    def grow(n):
        for _ in range(n):
            services.ask_check_back(voice, by=facilitator)
            create_briefing(body=[bank_voice_block(voice)])

    def run():
        assert client.get(url).status_code == 200

    assert_flat_queries(run, grow)


def test_a_briefing_quoting_ten_bank_voices_costs_what_one_does(
    assert_flat_queries, client, partnership, index
):
    page = create_briefing(body=[])

    def grow(n):
        blocks = list(page.body.raw_data)
        for _ in range(n):
            voice = make_voice(partnership=partnership)
            blocks.append({"type": "bank_voice", "value": {"voice": voice.pk}})
        page.body = blocks
        page.save_revision().publish()

    def run():
        text = client.get(page.url).content.decode()
        assert "mum of two, Harbourside Families Together" in text

    assert_flat_queries(run, grow)


def test_editing_a_voice_in_its_form_asks_the_person_again(client_for, facilitator, speaker):
    voice = make_voice("Words as first typed.", speaker=speaker, role="dad")
    client = client_for(facilitator)
    url = reverse("voices:edit", args=[voice.pk])
    form = client.get(url).content.decode()
    assert "Words as first typed." in form and 'value="dad"' in form
    response = client.post(
        url,
        {
            "quote": "Words as they said them.",
            "kind": "quote",
            "role": "dad",
            "role_group": "parent",
            "use": "public",
            "review_date": "2027-06-01",
            "source": "interview",
            "speaker": speaker.pk,
        },
    )
    assert response.status_code == 302
    voice.refresh_from_db()
    assert voice.quote == "Words as they said them."
    assert voice.status == Status.AWAITING
    page = client.get(voice.get_absolute_url()).content.decode()
    assert "Edited by the learning team" in page and "Asked to check their words" in page
