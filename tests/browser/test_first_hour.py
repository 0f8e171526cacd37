"""The first hour in a browser: the phone header, focus on the error summary, and axe-core on
the error states and the new pages."""

import pytest

from hub.people.factories import InvitationFactory, PartnershipFactory

from .conftest import assert_accessible, assert_fits_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_the_header_is_one_row_with_a_menu_button(phone_page):
    page = phone_page
    page.goto(page.base_url + "/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 72, f"the header is {header['height']}px tall at 320px"
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    assert not page.get_by_role("link", name="Briefings").first.is_visible()
    assert_accessible(page)
    assert_fits_width(page)

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-menu").get_by_role("link", name="Briefings").is_visible()
    assert page.locator("#site-menu").get_by_role("link", name="Sign in").is_visible()
    assert_accessible(page)
    assert_fits_width(page)


def test_without_javascript_the_links_show_and_no_dead_button(browser, live_server):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, java_script_enabled=False, locale="en-GB"
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("#site-menu").get_by_role("link", name="Briefings").is_visible()
    assert not page.locator(".menu-button").is_visible()
    context.close()


def test_on_a_wide_screen_the_links_show_without_a_menu_button(page):
    page.goto(page.base_url + "/")
    assert not page.locator(".menu-button").is_visible()
    assert page.locator("#site-menu").get_by_role("link", name="Briefings").is_visible()


def test_an_error_moves_focus_to_the_summary_whose_links_reach_each_field(page, phone_page):
    partnership = PartnershipFactory(name="Fenland Family Futures")
    for p in (page, phone_page):
        invitation = InvitationFactory(partnership=partnership)
        p.goto(p.base_url + invitation.get_absolute_url())
        # No answer to the digest question either (it starts with "every week" chosen).
        p.evaluate(
            "document.querySelectorAll('[name=digest_frequency]').forEach(r => r.checked = false)"
        )
        p.get_by_role("button", name="Join the hub").click()
        p.wait_for_load_state()
        assert p.title().startswith("Error: ")
        assert p.evaluate("document.activeElement.hasAttribute('data-error-summary')")
        assert_accessible(p)
        assert_fits_width(p)
        summary = p.locator("[data-error-summary]")
        summary.get_by_role("link", name="Enter your name").click()
        assert p.evaluate("document.activeElement.id") == "id_display_name"
        summary.get_by_role("link", name="Choose how often").click()
        assert p.evaluate("document.activeElement.id") == "id_digest_frequency_0"


@pytest.mark.parametrize(
    "path", ["/help/", "/privacy/", "/accessibility/", "/community-guidelines/", "/no-such-page/"]
)
def test_the_new_pages_are_accessible(page, phone_page, path):
    for p in (page, phone_page):
        p.goto(p.base_url + path)
        assert p.get_by_role("heading", level=1).is_visible()
        assert_accessible(p)
        assert_fits_width(p)
