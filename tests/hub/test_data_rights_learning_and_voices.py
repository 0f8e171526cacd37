"""Data rights for the learning framework and the voice bank: the person's words and
decisions are in their download; on closing, consent records stay without their name, and
removing their contributions withdraws their words everywhere."""

import datetime
import io
import json
import zipfile

from django.urls import reverse

import pytest

from hub.learning import services as learning
from hub.learning.models import Framework, MeetingAction, WentWell
from hub.people.closing import close_account
from hub.voices.factories import make_voice
from hub.voices.models import Status, Voice

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(partnership, facilitator, member, lead):
    framework = Framework.objects.create(partnership=partnership, facilitator=facilitator)
    indicator = learning.add_indicator(
        framework, words="Families feel less isolated", by=lead, since=datetime.date(2026, 1, 1)
    )
    learning.record_meeting(
        framework,
        held_on=datetime.date(2026, 2, 1),
        noticed="MEMBER-NOTICED more dads at the café",
        roles_present=["parent"],
        summary="",
        judgements=[(indicator, 1, "", None)],
        new_actions=[("MEMBER-ACTION ask the school", member, "")],
        by=member,
    )
    learning.post_went_well(
        partnership, kind="small_win", title="MEMBER-WIN", body="Ten families came", by=member
    )
    mine = make_voice("MEMBER-WORDS we felt heard", speaker=member, name="Mo", named=True)
    theirs = make_voice("LEAD-WORDS not the member's", speaker=lead)
    return {"mine": mine, "theirs": theirs}


def _download(client_for, person):
    response = client_for(person).post(reverse("people:my_data"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name).decode() for name in archive.namelist()}


def test_the_download_holds_their_words_decisions_and_learning_writing(world, member, client_for):
    files = _download(client_for, member)
    everything = "\n".join(files.values())
    for marker in ("MEMBER-WORDS", "MEMBER-NOTICED", "MEMBER-ACTION", "MEMBER-WIN"):
        assert marker in everything
    assert "LEAD-WORDS" not in everything
    words = json.loads(files["voices/my_words.json"])
    assert [w["quote"] for w in words] == ["MEMBER-WORDS we felt heard"]


def test_closing_keeps_the_consent_record_without_the_name(world, member):
    close_account(member, keep_contributions=True)
    voice = Voice.objects.get(pk=world["mine"].pk)
    assert voice.speaker is None and voice.speaker_email == "" and voice.name == ""
    assert not voice.named and voice.speaker_name == "a former member"
    assert voice.quote == "MEMBER-WORDS we felt heard"  # kept, as they chose
    assert voice.use == world["mine"].use and voice.review_date == world["mine"].review_date
    assert WentWell.objects.filter(title="MEMBER-WIN").exists()
    action = MeetingAction.objects.get(text="MEMBER-ACTION ask the school")
    assert action.owner is None and action.owner_words == "A former member"


def test_closing_and_removing_withdraws_their_words_but_not_others(world, member):
    close_account(member, keep_contributions=False)
    voice = Voice.objects.get(pk=world["mine"].pk)
    assert voice.status == Status.WITHDRAWN and "MEMBER-WORDS" not in voice.quote
    assert not voice.decisions.filter(quote__contains="MEMBER-WORDS").exists()
    assert Voice.objects.get(pk=world["theirs"].pk).status == Status.APPROVED
    assert not WentWell.objects.filter(title="MEMBER-WIN").exists()
