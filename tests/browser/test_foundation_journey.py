"""Invitation -> one sign-up page -> the welcome page, in Debian's Chromium."""

import re

from django.core import mail

import pytest

from hub.people import services
from hub.people.factories import OfficerFactory, PartnershipFactory
from hub.people.models import User

from .conftest import assert_accessible, assert_fits_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invited_person_joins_in_one_page_and_arrives_on_the_welcome_page(page, settings):
    settings.HUB_BASE_URL = page.base_url
    partnership = PartnershipFactory(name="Fenland Family Futures")
    officer = OfficerFactory(email="po@example.org", display_name="Priya Officer")
    services.invite(inviter=officer, email="newparent@example.org", partnership=partnership)
    emails_before = len(mail.outbox)
    link = re.search(r"(http\S+/invitations/\S+/)", mail.outbox[-1].body).group(1)

    page.goto(link)
    assert "Join Fenland Family Futures" in page.get_by_role("heading", level=1).inner_text()
    assert "Priya Officer has invited you" in page.locator("main").inner_text()
    assert page.locator("#id_email").input_value() == "newparent@example.org"
    assert_accessible(page)
    page.fill("#id_display_name", "Nadia Parent")
    page.fill("#id_password1", "a-long-and-unusual-passphrase-42")
    page.fill("#id_password2", "a-long-and-unusual-passphrase-42")
    page.get_by_role("button", name="Join the hub").click()
    page.wait_for_url(page.base_url + "/welcome/")

    # One page, no confirmation email: the invitation already proved the address.
    assert len(mail.outbox) == emails_before
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome to the hub, Nadia Parent"
    assert "Fenland Family Futures" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Sign out").is_visible()

    person = User.objects.get(email="newparent@example.org")
    assert person.partnerships.filter(pk=partnership.pk).exists()
    assert_accessible(page)


def test_home_and_sign_in_pages_are_accessible(page, phone_page):
    for p in (page, phone_page):
        p.goto(p.base_url + "/")
        assert_accessible(p)
        assert_fits_width(p)
        p.goto(p.base_url + "/accounts/login/")
        assert_accessible(p)
        assert_fits_width(p)


def test_sign_in_works_with_the_keyboard_alone(page):
    from hub.people.factories import DEMO_PASSWORD, UserFactory

    UserFactory(email="keys@example.org")
    page.goto(page.base_url + "/accounts/login/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.focus("#id_login")
    page.keyboard.type("keys@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/my-hub/")
    assert page.get_by_role("button", name="Sign out").is_visible()
