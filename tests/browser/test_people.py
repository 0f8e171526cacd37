"""My hub and the people directory in a browser, with the demo's data: My hub is short on a
phone, a member finds a person by theme with the keyboard alone (at 320 px and on a desktop),
and axe-core finds nothing on My hub, the directory, a profile and the profile form (also in
its error state)."""

import io

from django.core.management import call_command

import pytest

from hub.people.models import User

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

# What "short on a phone" means for My hub with the demo's data (the home was 6,600 px).
MY_HUB_MAX_PX = 2500


@pytest.fixture
def demo(live_server):
    from wagtail.models import Collection

    # An earlier browser test's flush removes the root collection the migrations made.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    call_command("seed_demo", stdout=io.StringIO())


def _phone(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 740}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    return context, page


def test_my_hub_is_short_on_a_phone_and_accessible(browser, live_server, demo):
    context, page = _phone(browser, live_server, 375)
    try:
        sign_in(page, "member@example.org")
        page.goto(page.base_url + "/my-hub/")
        assert page.locator("h1").inner_text() == "My hub"
        height = page.evaluate("() => document.documentElement.scrollHeight")
        print(f"My hub at 375 px with the demo data: {height} px")
        assert height < MY_HUB_MAX_PX
        assert_fits_width(page)
        assert_accessible(page)
    finally:
        context.close()


def test_the_signed_in_home_is_my_hub_and_short_on_a_phone(browser, live_server, demo):
    """ "/" puts what matters to a signed-in member first (My hub itself, no second page);
    a visitor at "/" still gets the public home page."""
    context, page = _phone(browser, live_server, 375)
    try:
        page.goto(page.base_url + "/")
        assert page.locator("h1").inner_text() != "My hub"
        assert page.locator('header a[href="/accounts/login/"]').count() == 1  # a visitor
        visitor_height = page.evaluate("() => document.documentElement.scrollHeight")
        sign_in(page, "member@example.org")
        page.goto(page.base_url + "/")
        assert page.locator("h1").inner_text() == "My hub"
        assert "New answers for you" in page.locator("main").inner_text()
        height = page.evaluate("() => document.documentElement.scrollHeight")
        print(f"'/' at 375 px: signed in {height} px (the public home: {visitor_height} px)")
        assert height < MY_HUB_MAX_PX
        assert_fits_width(page)
        assert_accessible(page)
    finally:
        context.close()


def _find_by_theme_with_the_keyboard(page):
    """From the directory, choose a theme with the keyboard, search, and open a person."""
    person = (
        User.objects.filter(in_directory=True, memberships__isnull=False, themes__isnull=False)
        .exclude(email="member@example.org")
        .first()
    )
    theme = person.themes.order_by("name").first()
    page.goto(page.base_url + "/people/")
    assert_accessible(page)
    tab_to(page, r"^id_theme\|")
    for _ in range(30):
        if page.evaluate("() => document.activeElement.value") == theme.slug:
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == theme.slug
    tab_to(page, r"\|Find people\|")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/people/?*theme={theme.slug}*")
    assert person.display_name in page.locator("main").inner_text()
    assert_accessible(page)
    tab_to(page, rf"\|{person.display_name}\|")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/people/{person.pk}/")
    assert theme.name in page.locator("main").inner_text()
    assert_accessible(page)


def test_a_member_finds_a_person_by_theme_by_keyboard_on_a_phone(browser, live_server, demo):
    context, page = _phone(browser, live_server, 320)
    try:
        sign_in(page, "member@example.org")
        _find_by_theme_with_the_keyboard(page)
        assert_fits_width(page)
    finally:
        context.close()


def test_a_member_finds_a_person_by_theme_and_edits_their_profile_on_a_desktop(page, demo):
    sign_in(page, "member@example.org")
    _find_by_theme_with_the_keyboard(page)
    page.goto(page.base_url + "/profile/")
    assert_accessible(page)
    page.fill("#id_display_name", "")
    page.focus("#id_display_name")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.title().startswith("Error: ")
    assert "Enter your name" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
