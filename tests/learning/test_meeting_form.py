"""The meeting form: who took part, what we noticed, a judgement for each indicator with the
evidence behind it (a story, a resource or a note the group may see, found on the server),
actions with owners from the room, and the open actions reviewed; errors in the GOV.UK way
with everything typed kept; and the room told through notifications."""

import datetime
import re

from django.urls import reverse

import pytest

from hub.learning.models import Framework, MeetingAction
from hub.library.factories import NoteFactory, ResourceFactory
from hub.library.models import Resource, Visibility
from hub.notifications.models import Notification

D = datetime.date


@pytest.fixture
def library(partnership, other_partnership):
    """A story the programme may see, a partnership-only resource of another partnership
    (which nobody here may link) and a note on a programme resource."""
    story = ResourceFactory(
        title="How the café became the parents’ own",
        resource_type=Resource.Type.STORY,
        partnership=partnership,
    )
    secret = ResourceFactory(
        title="Their café budget",
        description="café figures",
        visibility=Visibility.PARTNERSHIP,
        partnership=other_partnership,
    )
    guide = ResourceFactory(title="Running a parents’ café", partnership=other_partnership)
    note = NoteFactory(resource=guide, body="Our café doubled when parents ran the door.")
    return story, secret, note


def _url(framework):
    return reverse("learning:new_meeting", args=[framework.partnership.slug])


def _base(isolated, explain, **extra):
    return {
        "held_on": "2027-02-14",
        "roles_present": ["parent", "practitioner"],
        "noticed": "A dad led the session.",
        f"level_{isolated.pk}": "3",
        f"level_{explain.pk}": "2",
        **extra,
    }


def test_the_evidence_picker_finds_only_what_the_person_may_see(year, member, library, client_for):
    framework, isolated, explain, _first = year
    story, secret, note = library
    client = client_for(member)
    data = _base(isolated, explain, **{f"find_{isolated.pk}": "café", "find": str(isolated.pk)})
    response = client.post(_url(framework), data)
    html = response.content.decode()
    assert response.status_code == 200  # finding is not sending: nothing refused, nothing saved
    assert "There is a problem" not in html
    assert "Story: How the café became the parents’ own" in html
    assert "Note on “Running a parents’ café”: Our café doubled" in html
    assert "Their café budget" not in html
    assert f'value="resource:{secret.pk}"' not in html
    assert "A dad led the session." in html  # everything typed is kept
    assert "Choose the evidence for “Families feel less alone” below (3 to choose from)." in html
    assert "Resource: Running a parents’ café" in html
    assert not framework.meetings.filter(held_on=D(2027, 2, 14)).exists()

    data[f"evidence_{isolated.pk}"] = f"resource:{story.pk}"
    data[f"evidence_{explain.pk}"] = f"note:{note.pk}"
    del data["find"]
    assert client.post(_url(framework), data).status_code == 302
    meeting = framework.meetings.get(held_on=D(2027, 2, 14))
    assert meeting.judgements.get(indicator=isolated).evidence == story
    assert meeting.judgements.get(indicator=explain).evidence == note
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'<a href="{story.get_absolute_url()}">Story: How the café became' in page
    journey = client.get(reverse("learning:journey", args=[framework.partnership.slug]))
    assert "Story: How the café became the parents’ own" in journey.content.decode()


def test_evidence_the_person_may_not_see_cannot_be_linked(year, member, library, client_for):
    framework, isolated, explain, _first = year
    _story, secret, _note = library
    data = _base(isolated, explain, **{f"evidence_{isolated.pk}": f"resource:{secret.pk}"})
    response = client_for(member).post(_url(framework), data)
    assert response.status_code == 400
    assert "Choose evidence from the list, or none." in response.content.decode()
    assert not framework.meetings.filter(held_on=D(2027, 2, 14)).exists()


def test_errors_keep_every_part_typed_including_each_indicator_and_action(
    year, member, library, client_for
):
    framework, isolated, explain, _first = year
    story, _secret, _note = library
    data = _base(
        isolated,
        explain,
        held_on="31 2 2027",
        **{
            f"level_{explain.pk}": "",
            f"note_{isolated.pk}": "Twelve families came back",
            f"find_{isolated.pk}": "café",
            f"evidence_{isolated.pk}": f"resource:{story.pk}",
            "action_1": "Ask the school about the hall",
            "owner_2": "other",
            "action_2": "Print the flyers",
        },
    )
    response = client_for(member).post(_url(framework), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert 'href="#id_held_on"' in html
    assert "Enter a real date, for example 27 3 2026." in html
    assert "Choose a judgement for “We can explain our approach”." in html
    assert "Choose who will do action 1." in html
    assert "Write who will do action 2." in html
    assert 'value="31 2 2027"' in html
    assert "Twelve families came back" in html
    assert 'value="Ask the school about the hall"' in html
    assert 'value="Print the flyers"' in html
    for name, value in (
        (f"evidence_{isolated.pk}", f"resource:{story.pk}"),
        (f"level_{isolated.pk}", "3"),
        ("roles_present", "parent"),
    ):
        assert re.search(rf'<input[^>]*name="{name}" value="{value}"[^>]*checked', html), name


def test_owners_are_chosen_from_the_room_and_told(
    year, member, lead, facilitator, outsider, client_for
):
    framework, isolated, explain, _first = year
    form = client_for(member).get(_url(framework)).content.decode()
    assert ">Liam Lead</option>" in form
    assert ">Rosa Facilitator</option>" in form
    assert "Owen Outsider" not in form  # not in the room
    data = _base(
        isolated,
        explain,
        action_1="Book the hall",
        owner_1=str(lead.pk),
        action_2="Ask the health visitor",
        owner_2="other",
        owner_words_2="The health visitor",
    )
    assert client_for(member).post(_url(framework), data).status_code == 302
    meeting = framework.meetings.get(held_on=D(2027, 2, 14))
    assert {(a.text, a.owner, a.owner_words) for a in meeting.actions.all()} == {
        ("Book the hall", lead, ""),
        ("Ask the health visitor", None, "The health visitor"),
    }
    told = {(n.recipient, n.kind) for n in Notification.objects.all()}
    assert told == {(lead, "learning_action"), (facilitator, "learning_meeting")}
    listing = client_for(lead).get("/notifications/").content.decode()
    assert "Maya Member gave you an action at the reflection meeting of" in listing
    assert "Book the hall" not in listing  # the notice names the meeting only
    assert client_for(outsider).get("/notifications/").content.decode().count("reflection") == 0


def test_an_owner_from_outside_the_room_is_refused(year, member, outsider, client_for):
    framework, isolated, explain, _first = year
    data = _base(isolated, explain, action_1="Do it", owner_1=str(outsider.pk))
    response = client_for(member).post(_url(framework), data)
    assert response.status_code == 400
    assert not MeetingAction.objects.filter(text="Do it").exists()


def test_the_open_actions_are_reviewed_at_the_next_meeting(year, member, client_for):
    framework, isolated, explain, _first = year
    client = client_for(member)
    data = _base(isolated, explain, action_1="Book the hall", owner_1="other", owner_words_1="Sam")
    client.post(_url(framework), data)
    action = MeetingAction.objects.get(text="Book the hall")
    form = client.get(_url(framework)).content.decode()
    assert "What became of “Book the hall”" in form
    later = {**data, "held_on": "2027-03-28", "action_1": "", "owner_1": "", "owner_words_1": ""}
    later[f"review_{action.pk}"] = "changed"
    later[f"review_note_{action.pk}"] = "The library room instead"
    response = client.post(_url(framework), later)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "changed"
    assert action.review.meeting.held_on == D(2027, 3, 28)
    page = client.get(action.review.meeting.get_absolute_url()).content.decode()
    assert "Book the hall: Changed (The library room instead)" in page
    assert "What became of “Book the hall”" not in client.get(_url(framework)).content.decode()


def test_sharing_a_summary_tells_the_facilitator(year, member, facilitator):
    from hub.learning import services

    framework, _isolated, _explain, first = year
    Notification.objects.all().delete()
    services.share_summary(first, share=True, by=member)
    services.share_summary(first, share=False, by=member)
    services.share_summary(first, share=True, by=member)
    assert [(n.recipient, n.kind) for n in Notification.objects.all()] == [
        (facilitator, "learning_summary_shared"),
        (facilitator, "learning_summary_shared"),
    ]


def test_a_framework_without_indicators_still_records_what_was_noticed(
    partnership, member, client_for
):
    framework = Framework.objects.create(partnership=partnership)
    response = client_for(member).post(
        _url(framework),
        {"held_on": "2027-01-05", "roles_present": ["parent"], "noticed": "We began."},
    )
    assert response.status_code == 302
    assert framework.meetings.get().noticed == "We began."
