"""The learning team adds a voice by keyboard (meeting the form's errors), reads it in the
bank and whose voices are heard; the person, with no account, opens the emailed link,
meets the check form's error and withdraws their words; a changed link is refused. Every
page passes axe-core and fits a 320 px screen."""

import re

from django.urls import reverse

import pytest

from hub.core.models import OutgoingEmail
from hub.people.factories import FacilitatorFactory, PartnershipFactory
from hub.voices.factories import make_voice
from hub.voices.models import Status, Voice

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def team():
    from allauth.mfa.totp.internal.auth import TOTP

    PartnershipFactory(name="Fenland Family Futures", locality="Wisbech")
    person = FacilitatorFactory(email="rosa@example.org", display_name="Rosa Facilitator")
    TOTP.activate(person, SECRET)
    make_voice("Words already in the bank.")
    return person


def test_the_team_adds_a_voice_by_keyboard_and_the_person_withdraws_it(page, team):
    sign_in(page, team.email, totp_secret=SECRET)
    page.goto(page.base_url + reverse("voices:bank"))
    assert "Words already in the bank." in page.inner_text("main")
    assert_accessible(page)

    tab_to(page, r"\|Add a voice\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/voices/add/$"))
    assert_accessible(page)
    page.focus("#id_quote")
    page.keyboard.type("Nobody rushed us, and that is why we stayed.")
    tab_to(page, r"\|Add the voice and ask them to check it\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Enter their role, in their own words." in page.inner_text(".error-summary")
    assert "Nobody rushed us" in page.locator("#id_quote").input_value()
    assert_accessible(page)

    page.focus("#id_role")
    page.keyboard.type("grandmother")
    page.focus("#id_role_group_0")
    page.keyboard.press("Space")
    page.focus("#id_use_1")
    page.keyboard.press("Space")
    page.focus("#id_review_date")
    page.keyboard.type("2027-06-01")
    page.focus("#id_source_0")
    page.keyboard.press("Space")
    page.focus("#id_speaker_email")
    page.keyboard.type("nan@example.org")
    tab_to(page, r"\|Add the voice and ask them to check it\|")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=We have asked the person to check their words.")
    voice = Voice.objects.get(role="grandmother")
    assert voice.status == Status.AWAITING
    assert_accessible(page)

    page.goto(page.base_url + reverse("voices:heard"))
    assert "By role" in page.inner_text("main")
    assert_accessible(page)

    # The person opens the link from their email, signed out, and needs no account.
    link = re.search(r"/voices/check/\S+/", OutgoingEmail.objects.latest("pk").text).group(0)
    page.context.clear_cookies()
    page.goto(page.base_url + link)
    assert "Nobody rushed us, and that is why we stayed." in page.inner_text("main")
    assert_accessible(page)
    page.focus("#id_decision_1")  # change, without giving new words
    page.keyboard.press("Space")
    page.fill("#id_quote", "")
    tab_to(page, r"\|Send my answer\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Enter your words as you would like them" in page.inner_text(".error-summary")
    assert_accessible(page)
    page.focus("#id_decision_2")  # withdraw
    page.keyboard.press("Space")
    tab_to(page, r"\|Send my answer\|")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your words have been withdrawn.")
    assert_accessible(page)
    voice.refresh_from_db()
    assert voice.status == Status.WITHDRAWN

    page.goto(page.base_url + link[:-4] + "xyz/")
    assert "This link does not work" in page.inner_text("main")
    assert_accessible(page)


def test_the_bank_voice_and_check_pages_fit_a_phone(phone_page, team):
    voice = make_voice(
        "A long story about the Saturday café and the dads who came back every week.",
        status=Status.AWAITING,
    )
    sign_in(phone_page, team.email, totp_secret=SECRET)
    for path in (
        reverse("voices:bank"),
        voice.get_absolute_url(),
        reverse("voices:add"),
        reverse("voices:heard"),
    ):
        phone_page.goto(phone_page.base_url + path)
        assert_fits_width(phone_page)
    from hub.voices import links

    voice.link_key = links.new_key()
    voice.save()
    phone_page.context.clear_cookies()
    phone_page.goto(
        phone_page.base_url + reverse("voices:check_by_link", args=[links.token_for(voice)])
    )
    assert "Check your words" in phone_page.inner_text("main")
    assert_fits_width(phone_page)
    assert_accessible(phone_page)
