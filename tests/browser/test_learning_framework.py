"""A partnership's member goes from its space to the framework, records a reflection meeting
by keyboard (meeting the form's errors on the way, and finding a story as evidence) and reads
the journey; on a 320 px phone they reword an indicator (through its error state), adapt an
offered one, and read the meeting and the journey. axe-core passes on every page and error
state, and nothing scrolls sideways on the phone."""

import datetime
import re

import pytest

from hub.learning import services
from hub.learning.models import (
    Framework,
    MeetingAction,
    ProgrammeIndicator,
    ReflectionMeeting,
)
from hub.library.factories import ResourceFactory
from hub.library.models import Resource
from hub.people.factories import PartnershipFactory, member_of

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    partnership = PartnershipFactory(name="Fenland Family Futures", locality="Wisbech")
    member = member_of(partnership, email="member@example.org", display_name="Maya Member")
    framework = Framework.objects.create(partnership=partnership)
    indicator = services.add_indicator(
        framework, words="Families feel less alone", by=member, since=datetime.date(2026, 1, 1)
    )
    services.record_meeting(
        framework,
        held_on=datetime.date(2026, 1, 10),
        noticed="Quiet.",
        judgements=[(indicator, 1, "Two came", None)],
        new_actions=[("Ask the school to share the flyer", member, "")],
        by=member,
    )
    ResourceFactory(
        title="How the café became the parents’ own",
        resource_type=Resource.Type.STORY,
        partnership=partnership,
    )
    ProgrammeIndicator.objects.create(words="Families support one another")
    return partnership, member, indicator


def test_a_member_records_a_meeting_and_reads_the_journey_by_keyboard(page, world):
    partnership, member, indicator = world
    sign_in(page, member.email)
    page.goto(page.base_url + f"/learning/{partnership.slug}/framework/")
    assert_accessible(page)

    tab_to(page, r"\|Record a reflection meeting\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/meetings/new/$"))
    assert_accessible(page)
    tab_to(page, r"^id_noticed\|")
    page.keyboard.type("Parents ran the café.")
    tab_to(page, r"\|Record the meeting\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Parents ran the café." in page.locator("#id_noticed").input_value()
    assert_accessible(page)

    # Find a story as the evidence, by keyboard: the words typed so far are kept.
    page.focus(f"#id_find_{indicator.pk}")
    page.keyboard.type("café")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#id_evidence_{indicator.pk}_1")
    assert "Story: How the café became the parents’ own" in page.inner_text(".meeting-form")
    assert "Parents ran the café." in page.locator("#id_noticed").input_value()
    assert_accessible(page)
    page.focus(f"#id_evidence_{indicator.pk}_1")
    page.keyboard.press("Space")

    page.focus("#id_held_on")
    page.keyboard.type("2026-03-01")
    page.focus("#id_roles_present_0")
    page.keyboard.press("Space")
    page.focus(f"#id_level_{indicator.pk}_2")
    page.keyboard.press("Space")
    page.focus(f"#id_review_{MeetingAction.objects.get().pk}_0")
    page.keyboard.press("Space")
    tab_to(page, r"\|Record the meeting\|")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The meeting is recorded.")
    assert ReflectionMeeting.objects.count() == 2
    assert "Story: How the café became the parents’ own" in page.inner_text("main")
    assert "Ask the school to share the flyer: Done" in page.inner_text("main")
    assert_accessible(page)

    page.goto(page.base_url + f"/learning/{partnership.slug}/journey/")
    assert page.locator("svg.journey-svg circle").count() == 2
    assert "Clear signs" in page.inner_text(".journey-table")
    assert "Story: How the café became" in page.inner_text(".journey-table")
    assert_accessible(page)


def test_on_a_phone_a_member_rewords_and_adapts_indicators(phone_page, world):
    page = phone_page
    partnership, member, indicator = world
    sign_in(page, member.email)
    base = page.base_url + f"/learning/{partnership.slug}"
    page.goto(base + "/framework/")
    assert_accessible(page)
    assert_fits_width(page)

    tab_to(page, r"\|Change the words")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/words/$"))
    assert_accessible(page)
    assert_fits_width(page)
    page.fill("#id_words", "")
    page.focus("#id_note")
    page.keyboard.type("Parents chose these words.")
    tab_to(page, r"\|Keep the new words\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Write the indicator in your own words." in page.inner_text(".error-summary")
    assert page.locator("#id_note").input_value() == "Parents chose these words."
    assert_accessible(page)
    assert_fits_width(page)
    page.focus("#id_words")
    page.keyboard.type("Families feel they belong")
    tab_to(page, r"\|Keep the new words\|")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The new words are kept.")
    assert "Families feel they belong" in page.inner_text("main")

    tab_to(page, r"\|Adapt the words")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/adapt/\d+/$"))
    assert_accessible(page)
    assert_fits_width(page)
    page.fill("#id_words", "Parents look out for each other")
    tab_to(page, r"\|Add it in our words\|")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=in your words")
    assert "Adapted from the programme's “Families support one another”." in page.inner_text("main")

    page.goto(base + "/meetings/new/")
    tab_to(page, r"\|Record the meeting\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert_accessible(page)
    assert_fits_width(page)

    meeting = ReflectionMeeting.objects.get()
    page.goto(base + f"/meetings/{meeting.pk}/")
    assert "Families feel less alone" in page.inner_text("main")  # the words then
    assert_accessible(page)
    assert_fits_width(page)
    page.goto(base + "/journey/")
    assert "Families feel less alone" in page.inner_text(".journey-table")
    assert_accessible(page)
    assert_fits_width(page)
