"""Reading a briefing on a phone and a desktop, and responding with the keyboard alone."""

import pytest

from briefings.factories import create_briefing, demo_image, every_block_body
from briefings.models import BriefingResponse
from briefings.services import ensure_index
from hub.people.factories import DEMO_PASSWORD, MembershipFactory, PartnershipFactory, UserFactory
from hub.themes.factories import ThemeFactory

from .conftest import assert_accessible, assert_fits_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def briefing(live_server):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document
    from wagtail.models import Collection

    if not Collection.objects.exists():  # emptied by an earlier transactional test
        Collection.add_root(name="Root")
    ensure_index()
    theme = ThemeFactory(name="Co-production with parents")
    document = Document(title="The full report")
    document.file.save("report.txt", ContentFile(b"report"), save=False)
    document.save()
    create_briefing(title="An earlier briefing", themes=[theme], series_number=1)
    return create_briefing(
        title="Parents at the table",
        themes=[theme],
        series_number=2,
        body=every_block_body(document, demo_image()),
    )


def test_reading_a_briefing_on_a_phone_and_a_desktop(page, phone_page, briefing):
    for p in (phone_page, page):
        p.goto(p.base_url + "/briefings/")
        assert p.get_by_role("link", name="Parents at the table").is_visible()
        assert_accessible(p)
        assert_fits_width(p)
        p.get_by_role("link", name="Parents at the table").click()
        p.wait_for_url(p.base_url + briefing.url)
        assert p.get_by_role("heading", level=1).inner_text() == "Parents at the table"
        assert p.get_by_text("Nobody asked me to tell my story twice.").first.is_visible()
        assert_accessible(p)
        assert_fits_width(p)
    # Side by side on a desktop, stacked on a phone.
    boxes = [
        page.locator(".learning-history__commentary").bounding_box(),
        page.locator(".learning-history__narrative").bounding_box(),
    ]
    assert boxes[1]["x"] > boxes[0]["x"]
    phone_boxes = [
        phone_page.locator(".learning-history__commentary").bounding_box(),
        phone_page.locator(".learning-history__narrative").bounding_box(),
    ]
    assert phone_boxes[1]["y"] > phone_boxes[0]["y"]


def test_member_responds_to_a_prompt_with_the_keyboard(page, briefing):
    partnership = PartnershipFactory(name="Harbourside Families Together")
    member = UserFactory(email="keys@example.org", display_name="Kerry Keys")
    MembershipFactory(person=member, partnership=partnership)
    page.goto(page.base_url + "/accounts/login/?next=" + briefing.url)
    page.focus("#id_login")
    page.keyboard.type("keys@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + briefing.url)

    prompt_id = briefing.prompts[0][0]
    # Tab from the prompt's question into its response box, as a keyboard user would.
    textarea = page.locator(f"#id_p-{prompt_id}-text")
    page.locator(f"#prompt-{prompt_id} .prompt__question").click()
    for _ in range(40):
        page.keyboard.press("Tab")
        if textarea.evaluate("el => el === document.activeElement"):
            break
    assert textarea.evaluate("el => el === document.activeElement")
    page.keyboard.type("It made me think about our *own* meetings.")
    page.keyboard.press("Tab")  # "Everyone in the programme" (checked)
    page.keyboard.press("ArrowDown")  # "Only people in Harbourside Families Together"
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert "Send your response" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    response = page.locator(".response").first
    response.wait_for()
    assert "our own meetings" in response.inner_text()
    assert "Only Harbourside Families Together" in response.inner_text()
    saved = BriefingResponse.objects.get()
    assert saved.author == member and saved.partnership == partnership
    assert_accessible(page)
