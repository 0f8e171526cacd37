"""By keyboard, with axe-core on every page: a facilitator shares a draft for comment (meeting
the form's error on the way); a parent quoted in it opens it on a phone and comments; the
facilitator harvests what partnerships said and starts a draft briefing from a selection."""

import re

from wagtail.rich_text import RichText

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from briefings import services as briefings_services
from briefings.factories import create_briefing
from briefings.models import BriefingPage, DraftComment, DraftShare
from hub.people.factories import FacilitatorFactory, PartnershipFactory, member_of

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
QUOTE = "The group chat meant I was not the only one awake at 3am"


@pytest.fixture
def world():
    partnership = PartnershipFactory(name="Fenland Family Futures", locality="Wisbech")
    parent = member_of(
        partnership,
        email="parent@example.org",
        display_name="Pat Parent",
        role_in_own_words="parent",
    )
    facilitator = FacilitatorFactory(email="facilitator@example.org", display_name="Rosa")
    TOTP.activate(facilitator, SECRET)
    briefings_services.ensure_index()
    draft = create_briefing(
        title="Leaning on each other",
        publish=False,
        body=[
            (
                "commentary_narrative",
                {
                    "commentary": RichText("<p>Families found each other.</p>"),
                    "voices": [{"quote": QUOTE, "role": "parent", "partnership": "", "name": ""}],
                },
            )
        ],
    )
    published = create_briefing(title="Listening first")
    briefings_services.respond(
        parent, published, published.prompts[0][0], "Being asked first made us trust them"
    )
    return {
        "partnership": partnership,
        "parent": parent,
        "facilitator": facilitator,
        "draft": draft,
    }


def test_share_a_draft_and_comment_on_it_by_keyboard(page, phone_page, world):
    sign_in(page, "facilitator@example.org", totp_secret=SECRET)
    page.goto(page.base_url + f"/drafts-for-comment/share/{world['draft'].pk}/")
    assert_accessible(page)
    tab_to(page, r"\|Share for comment\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Choose at least one person or partnership" in page.inner_text(".error-summary")
    assert_accessible(page)
    pat = page.locator("label", has_text="Pat Parent").get_attribute("for")
    tab_to(page, rf"^{pat}\|")
    page.keyboard.press("Space")
    tab_to(page, r"\|Share for comment\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/drafts-for-comment/\d+/comments/$"))
    assert QUOTE in page.inner_text(".draft-preview")
    assert_accessible(page)
    share = DraftShare.objects.get()

    sign_in(phone_page, "parent@example.org")
    phone_page.goto(phone_page.base_url + share.get_absolute_url())
    assert QUOTE in phone_page.inner_text(".draft-preview")
    assert_accessible(phone_page)
    assert_fits_width(phone_page)
    tab_to(phone_page, r"\|Send my comment\|")
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_selector(".error-summary")
    assert_accessible(phone_page)
    assert_fits_width(phone_page)
    phone_page.focus("#id_body")
    phone_page.keyboard.type("Please say mum, not parent.")
    tab_to(phone_page, r"\|Send my comment\|")
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_selector("text=your comment is with the learning team")
    assert DraftComment.objects.get().body == "Please say mum, not parent."

    page.reload()
    assert "Please say mum, not parent." in page.inner_text("main")


def test_harvest_and_start_a_draft_by_keyboard(page, world):
    sign_in(page, "facilitator@example.org", totp_secret=SECRET)
    page.goto(page.base_url + "/harvest/")
    assert "Being asked first made us trust them" in page.inner_text("main")
    assert_accessible(page)
    tab_to(page, r"\|Start a draft briefing\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Give the draft briefing a title." in page.inner_text(".error-summary")
    assert_accessible(page)
    page.focus("#id_items_0")
    page.keyboard.press("Space")
    page.focus("#id_title")
    page.keyboard.type("What families taught us")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    draft = BriefingPage.objects.get(title="What families taught us")
    voices = [
        b.value for b in draft.get_latest_revision_as_object().body if b.block_type == "voice"
    ]
    assert voices[0]["quote"] == "Being asked first made us trust them"

    # The same person on a small phone (a second sign-in would reuse the one-time code).
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + "/harvest/")
    assert_accessible(page)
    assert_fits_width(page)
