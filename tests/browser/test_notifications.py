"""A member sees a new answer in the bell, opens it and marks all read, with the keyboard
alone, on a small phone and on a desktop; the list and choices pages pass axe-core."""

import re

import pytest
from playwright.sync_api import expect

from hub.notifications.services import notify
from hub.people.factories import PartnershipFactory, member_of
from hub.questions import services

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    partnership = PartnershipFactory(name="Fenland Family Futures")
    asker = member_of(partnership, email="asker@example.org", display_name="Asha Asker")
    helper = member_of(partnership, email="helper@example.org", display_name="Hal Helper")
    question = services.ask_question(
        author=asker, title="How do you welcome new parent reps?", body="What works for you?"
    )
    services.post_answer(question, author=helper, body="A buddy for the first three meetings.")
    notify([asker], "mention", question, actor=helper)
    return asker, question


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_new_answer_in_the_bell_opened_then_all_marked_read(page, phone_page, size):
    page = phone_page if size == "phone" else page
    asker, question = _world()
    sign_in(page, asker.email)
    if size == "phone":
        assert_fits_width(page)
        tab_to(page, r"^\|Menu\|")
        page.keyboard.press("Enter")
    # Its accessible name says what the number is; the visible text is part of it.
    expect(
        page.get_by_role("link", name=re.compile(r"^Notifications \(2\)\s*unread$"))
    ).to_be_visible()
    tab_to(page, r"^\|Notifications \(2\) unread\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/notifications/$"))
    assert page.get_by_text("You have 2 unread notifications.").is_visible()
    assert page.locator(".notification__status").count() == 2  # "Unread" in words
    assert_accessible(page)
    if size == "phone":
        assert_fits_width(page)

    tab_to(page, r"Hal Helper answered")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/questions/{question.pk}/"))
    assert page.get_by_role("heading", level=1).inner_text() == question.title

    page.goto(page.base_url + "/notifications/")
    assert page.get_by_text("You have 1 unread notification.").is_visible()
    tab_to(page, r"^\|Mark all as read\|")
    page.keyboard.press("Enter")
    # The same address before and after: wait for the answer, not the URL.
    expect(page.get_by_text("All your notifications are marked as read.")).to_be_visible()
    expect(page.get_by_text("You are up to date: nothing unread.")).to_be_visible()
    assert page.locator(".notification__status").count() == 0
    assert_accessible(page)


def test_the_choices_page_is_accessible_and_keeps_input(page, phone_page):
    asker, _question = _world()
    for each in (page, phone_page):
        sign_in(each, asker.email)
        each.goto(each.base_url + "/notifications/choices/")
        assert_accessible(each)
    assert_fits_width(phone_page)
    page.get_by_label("In the hub, and in my digest email").first.check()
    page.get_by_role("button", name="Save your choices").click()
    expect(page.get_by_text("Your choices are saved.")).to_be_visible()
    assert page.get_by_label("In the hub, and in my digest email").first.is_checked()
    assert_accessible(page)
