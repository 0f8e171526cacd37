"""A partnership's member goes from its space to the framework, records a reflection meeting
by keyboard (meeting the form's errors on the way) and reads the journey; the framework, the
meeting form and its error state, and the journey pass axe-core."""

import datetime
import re

import pytest

from hub.learning import services
from hub.learning.models import Framework, ReflectionMeeting
from hub.people.factories import PartnershipFactory, member_of

from .conftest import assert_accessible, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    partnership = PartnershipFactory(name="Fenland Family Futures", locality="Wisbech")
    member = member_of(partnership, email="member@example.org", display_name="Maya Member")
    framework = Framework.objects.create(partnership=partnership)
    indicator = services.add_indicator(framework, words="Families feel less alone", by=member)
    services.record_meeting(
        framework,
        held_on=datetime.date(2026, 1, 10),
        noticed="Quiet.",
        judgements=[(indicator, 1, "Two came", None)],
        by=member,
    )
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

    page.focus("#id_held_on")
    page.keyboard.type("2026-03-01")
    page.focus("#id_roles_present_0")
    page.keyboard.press("Space")
    page.focus(f"#id_level_{indicator.pk}_2")
    page.keyboard.press("Space")
    tab_to(page, r"\|Record the meeting\|")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The meeting is recorded.")
    assert ReflectionMeeting.objects.count() == 2

    page.goto(page.base_url + f"/learning/{partnership.slug}/journey/")
    assert page.locator("svg.journey-svg circle").count() == 2
    assert "Clear signs" in page.inner_text(".journey-table")
    assert_accessible(page)
