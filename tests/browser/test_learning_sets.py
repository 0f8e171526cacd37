"""A member asks to join a forming set, the facilitator accepts, the member records an
action in the set's space; axe-core checks every set page on the way."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from hub.people.factories import FacilitatorFactory, PartnershipFactory, member_of
from learning_sets import services
from learning_sets.factories import make_set
from learning_sets.models import Action

from .conftest import assert_accessible, assert_fits_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_member_joins_a_forming_set_and_records_an_action(page, phone_page, settings, tmp_path):
    settings.HUB_PRIVATE_MEDIA_ROOT = tmp_path
    facilitator = FacilitatorFactory(email="fac@example.org", display_name="Rosa Facilitator")
    TOTP.activate(facilitator, TOTP_SECRET)  # everyone with the admin has two-step sign-in
    member = member_of(
        PartnershipFactory(name="Fenland Family Futures"),
        email="nadia@example.org",
        display_name="Nadia Parent",
    )
    learning_set = make_set(name="Parents at the table", facilitators=[facilitator])
    start = timezone.now() + timedelta(days=7)
    services.schedule_session(
        learning_set, starts_at=start, ends_at=start + timedelta(hours=2), by=facilitator
    )

    # The member finds the forming set and asks to join, agreeing to the ground rules.
    sign_in(page, member.email)
    page.get_by_role("link", name="Learning sets").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Parents at the table").click()
    page.get_by_label("A short note to the facilitator").fill("I chair our parent forum.")
    page.get_by_role("button", name="Ask to join").click()
    assert page.get_by_text("There is a problem").is_visible()  # forgot the ground rules
    assert_accessible(page)
    page.get_by_label(re.compile("I agree to the ground rules")).check()
    page.get_by_role("button", name="Ask to join").click()
    assert page.get_by_text("The facilitator will reply soon").first.is_visible()
    assert_accessible(page)
    sign_out(page)

    # The facilitator accepts.
    sign_in(page, facilitator.email, totp_secret=TOTP_SECRET)
    page.goto(page.base_url + f"/learning-sets/{learning_set.slug}/manage/")
    assert page.get_by_text("I chair our parent forum.").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept Nadia Parent").click()
    assert page.get_by_text("Nadia Parent is now in the set").is_visible()
    sign_out(page)

    # The member is in: the space, the session, and an issue with an action.
    sign_in(page, member.email)
    page.goto(page.base_url + f"/learning-sets/{learning_set.slug}/")
    page.get_by_role("link", name="Go to the set's space").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Parents at the table"
    assert_accessible(page)
    page.locator(".set-sessions a").first.click()
    page.get_by_label("The issue, in the presenter's words").fill(
        "Meetings are set for 2pm on weekdays and parents cannot come."
    )
    page.get_by_label("Actions the presenter commits to").fill("Ask the chair to try an evening")
    page.get_by_role("button", name="Record the issue").click()
    assert page.get_by_text("The issue is recorded.").is_visible()
    assert page.get_by_text("Ask the chair to try an evening").first.is_visible()
    assert_accessible(page)
    assert Action.objects.get().owner == member

    for path in ["timeline", "discussion", "files"]:
        page.goto(page.base_url + f"/learning-sets/{learning_set.slug}/{path}/")
        assert_accessible(page)

    # And on a small phone.
    sign_in(phone_page, member.email)
    phone_page.goto(phone_page.base_url + f"/learning-sets/{learning_set.slug}/space/")
    assert_fits_width(phone_page)
    assert_accessible(phone_page)
