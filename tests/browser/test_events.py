"""Registering for a huddle with the keyboard alone; the events pages pass axe-core."""

import pytest

from events.factories import EventPageFactory
from events.models import Registration
from hub.people.factories import DEMO_PASSWORD, MembershipFactory, PartnershipFactory, UserFactory

from .conftest import assert_accessible, assert_fits_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_with_keyboard(page, email):
    page.goto(page.base_url + "/accounts/login/")
    page.focus("#id_login")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/my-hub/")


def tab_to(page, name, limit=80):
    """Press Tab until the focused element's text contains ``name``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate("document.activeElement.innerText || ''")
        if name in text:
            return
    raise AssertionError(f"Could not reach {name!r} with Tab")


def test_member_registers_for_a_huddle_with_the_keyboard(page, phone_page):
    person = UserFactory(email="keys@example.org", display_name="Kit Keys")
    MembershipFactory(person=person, partnership=PartnershipFactory())
    event = EventPageFactory(
        title="Keyboard huddle",
        capacity=12,
        venue_address="",
        accessibility_notes="Captions on; slides sent in advance.",
    )
    EventPageFactory(title="Public webinar", kind="webinar", audience="public", capacity=None)
    sign_in_with_keyboard(page, "keys@example.org")

    page.goto(page.base_url + "/events/")
    assert_accessible(page)
    tab_to(page, "Keyboard huddle")
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + event.url)
    assert "12 places left of 12" in page.inner_text("main")
    assert_accessible(page)

    tab_to(page, "Register")
    page.keyboard.press("Enter")
    page.locator(".event-status--registered").wait_for()
    assert "You are registered" in page.inner_text("main")
    assert Registration.objects.get(event=event, person=person).status == "registered"
    assert "11 places left of 12" in page.inner_text("main")
    assert_accessible(page)

    # At 320 px a visitor sees the public webinar without sideways scrolling.
    phone_page.goto(phone_page.base_url + "/events/")
    assert_accessible(phone_page)
    assert_fits_width(phone_page)
