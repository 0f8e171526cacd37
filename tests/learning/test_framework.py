"""The learning framework: indicators with their history, reflection meetings judged against
the words that stood then, actions reviewed through the shared mechanism, the journey's
figures, and who may see what."""

import datetime

from django.urls import reverse

import pytest

from hub.core.services import ServiceError
from hub.learning import journey, services
from hub.learning.models import MeetingAction, WentWell
from hub.learning.whats_new import WhatWentWell

D = datetime.date


def test_a_meeting_is_judged_against_the_words_that_stood_then(year):
    _framework, isolated, _explain, first = year
    judgement = first.judgements.get(indicator=isolated)
    assert judgement.version.words == "Families feel less isolated"
    isolated.refresh_from_db()
    assert isolated.words == "Families feel less alone"
    assert [v.words for v in isolated.versions.all()] == [
        "Families feel less isolated",
        "Families feel less alone",
    ]


def test_actions_are_reviewed_once_at_a_later_meeting(year, member):
    framework, *_ = year
    action = MeetingAction.objects.get()
    assert action.status == "done"
    assert action.review.meeting.held_on == D(2026, 6, 20)
    later = framework.meetings.last()
    with pytest.raises(ServiceError, match="already been reviewed"):
        services.review_action(action, meeting=later, outcome="dropped", by=member)


def test_the_journey_figures_match_hand_computed_ones(year, member):
    framework, isolated, _explain, _first = year
    lines = journey.lines(framework, member, in_room=True)
    line = next(li for li in lines if li.indicator == isolated)
    # 365 days from 10 Jan 2026 to 10 Jan 2027; 161 days to 20 June; plot width 600 - 80.
    assert [round(p.x, 1) for p in line.points] == [40.0, round(40 + 161 / 365 * 520, 1), 560.0]
    # Not yet at the bottom (200 - 40), early signs half way, clear signs at the top (40).
    assert [p.y for p in line.points] == [160.0, 100.0, 40.0]
    assert line.path == "40.0,160.0 269.4,100.0 560.0,40.0"
    assert [a.text for a in line.points[0].actions] == ["Ask the school to share the flyer"]


def test_the_journey_page_shows_the_chart_and_its_table(year, member, client_for):
    framework, *_ = year
    response = client_for(member).get(
        reverse("learning:journey", args=[framework.partnership.slug])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'points="40.0,160.0 269.4,100.0 560.0,40.0"' in html
    assert "Families feel less isolated" in html  # the words at the time, in the table
    assert "Parents run the café" in html


def test_the_csv_has_a_row_for_each_judgement(year, member, client_for):
    framework, *_ = year
    response = client_for(member).get(
        reverse("learning:journey_csv", args=[framework.partnership.slug])
    )
    rows = response.content.decode().strip().splitlines()
    assert response["Cache-Control"] == "private, no-store"
    assert len(rows) == 1 + 6
    assert rows[1].startswith(
        "Families feel less alone,Families feel less isolated,2026-01-10,Not yet"
    )


@pytest.mark.parametrize("role", ["outsider", "officer", "visitor"])
def test_nothing_unshared_reaches_anyone_outside_the_room(year, role, request, client_for):
    framework, isolated, _explain, first = year
    user = None if role == "visitor" else request.getfixturevalue(role)
    client = client_for(user)
    slug = framework.partnership.slug
    for url in (
        reverse("learning:framework", args=[slug]),
        reverse("learning:journey", args=[slug]),
        reverse("learning:journey_csv", args=[slug]),
        reverse("learning:meeting", args=[slug, first.pk]),
        reverse("learning:new_meeting", args=[slug]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert b"Only two came" not in response.content


def test_the_facilitator_of_the_framework_is_in_the_room(year, facilitator, client_for):
    framework, *_ = year
    response = client_for(facilitator).get(
        reverse("learning:journey", args=[framework.partnership.slug])
    )
    assert response.status_code == 200
    assert b"Only two came" in response.content


def test_officers_see_only_what_was_shared(year, member, officer, client_for):
    framework, isolated, _explain, first = year
    services.share_summary(first, share=True, by=member)
    services.share_journey(isolated, share=True, by=member)
    client = client_for(officer)
    slug = framework.partnership.slug
    meeting = client.get(reverse("learning:meeting", args=[slug, first.pk])).content.decode()
    assert "We started." in meeting
    assert "Few families at the café" not in meeting  # what we noticed stays in the room
    assert "Ask the school" not in meeting
    page = client.get(reverse("learning:journey", args=[slug])).content.decode()
    assert "Parents run the café" in page
    assert "We can explain our approach" not in page  # that journey was not shared
    assert "Ask the school" not in page  # actions stay in the room


def test_the_meeting_form_keeps_what_was_typed_when_it_has_errors(year, member, client_for):
    framework, *_ = year
    url = reverse("learning:new_meeting", args=[framework.partnership.slug])
    response = client_for(member).post(url, {"noticed": "Lots of laughter", "held_on": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Lots of laughter" in html


def test_recording_a_meeting_through_the_form(year, member, client_for):
    framework, isolated, explain, _first = year
    url = reverse("learning:new_meeting", args=[framework.partnership.slug])
    response = client_for(member).post(
        url,
        {
            "held_on": "2027-02-14",
            "roles_present": ["parent"],
            "noticed": "A dad led the session.",
            f"level_{isolated.pk}": "3",
            f"level_{explain.pk}": "2",
            "action_1": "Write it up",
            "owner_1": "other",
            "owner_words_1": "Priya",
        },
    )
    assert response.status_code == 302
    meeting = framework.meetings.get(held_on=D(2027, 2, 14))
    assert meeting.judgements.count() == 2
    assert meeting.actions.get().owner_words == "Priya"


def test_what_went_well_reaches_every_member_only_once_shared(
    partnership, member, outsider, officer
):
    shared = services.post_went_well(
        partnership, kind="small_win", title="Twelve families came", body="A good day.", by=member
    )
    services.post_went_well(
        partnership, kind="success", title="Draft win", body="Not yet.", share=False, by=member
    )
    feed = WhatWentWell()
    titles = [i.title for i in feed.for_person(outsider).items]
    assert titles == ["Twelve families came"]
    assert feed.for_person(officer).items[0].subject == shared
    assert set(WentWell.objects.visible_to(member)) == set(WentWell.objects.all())


def test_the_pdf_is_the_partnerships_own(year, member, outsider, client_for):
    framework, *_ = year
    url = reverse("learning:journey_pdf", args=[framework.partnership.slug])
    response = client_for(member).get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert client_for(outsider).get(url).status_code == 404
