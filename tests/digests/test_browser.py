"""The digest email and the digest pages on a 320 px phone, with axe-core."""

import os
from pathlib import Path

import pytest
import time_machine

from hub.digests import services
from hub.people.factories import DEMO_PASSWORD
from tests.browser.conftest import CHROMIUM, assert_accessible, assert_fits_width

from .conftest import SEND_DAY, SEND_TIME

pytestmark = [
    pytest.mark.browser,
    # Put back what the data migrations made (groups, home page) for the tests that follow.
    pytest.mark.django_db(transaction=True),
]

if not Path(CHROMIUM).exists() and os.environ.get("CI", "").lower() != "true":
    pytest.skip("Browser tests need Debian's chromium", allow_module_level=True)


def test_the_digest_email_reads_well_on_a_phone(phone_page, member, newcomer, subscribe):
    subscribe(member)
    period = services.period_for("weekly", SEND_DAY)
    with time_machine.travel(SEND_TIME, tick=False):
        digest = services.compose([member], period)[member.pk]
    rendered = services.render_digest(digest, period)
    phone_page.set_content(rendered.html)
    assert phone_page.get_by_role("heading", name="New in your partnership").is_visible()
    assert_fits_width(phone_page)
    assert_accessible(phone_page)


def test_unsubscribe_signed_out_and_choose_again_on_a_phone(phone_page, member, subscribe):
    subscribe(member)
    phone_page.goto(phone_page.base_url + services.unsubscribe_url(member).split("testserver")[1])
    assert_fits_width(phone_page)
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Unsubscribe").click()
    phone_page.get_by_role("heading", name="You are unsubscribed").wait_for()
    assert_accessible(phone_page)
    member.digest_preference.refresh_from_db()
    assert member.digest_preference.frequency == "off"

    phone_page.goto(phone_page.base_url + "/accounts/login/")
    phone_page.fill("#id_login", member.email)
    phone_page.fill("#id_password", DEMO_PASSWORD)
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url(phone_page.base_url + "/my-hub/")  # signing in lands on My hub
    phone_page.goto(phone_page.base_url + "/digests/preferences/")
    assert_fits_width(phone_page)
    assert_accessible(phone_page)
    phone_page.get_by_label("Every two weeks").check()
    phone_page.get_by_role("button", name="Save your choice").click()
    phone_page.get_by_text("Your digest preferences are saved.").wait_for()
    member.digest_preference.refresh_from_db()
    assert member.digest_preference.frequency == "fortnightly"


def test_the_officers_preview_shows_the_email_in_its_frame(
    page, officer, member, newcomer, subscribe
):
    from datetime import timedelta

    from tests.browser.conftest import sign_in

    subscribe(member)
    sign_in(page, officer.email, totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    with time_machine.travel(SEND_TIME - timedelta(days=1)):
        page.goto(page.base_url + f"/digests/preview/?member={member.email}")
        frame = page.frame_locator("iframe.digest-preview")
        # The email itself is in the frame, not a blank box.
        heading = frame.get_by_role("heading", name="Hello Maya Member")
        heading.wait_for()
        assert heading.is_visible()
        assert (
            frame.get_by_role("link", name="Nia Newcomer").count()
            + frame.get_by_text("Nia Newcomer").count()
        )
        assert "from 16 November to 22 November 2026" in frame.locator("body").inner_text()
        box = page.locator("iframe.digest-preview").bounding_box()
        assert box["height"] > 200
        assert_accessible(page)
