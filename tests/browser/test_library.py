"""Sharing a link with the keyboard alone; the library and a resource page pass axe-core."""

import re

import pytest

from hub.library.factories import NoteFactory, ResourceFactory
from hub.library.models import Resource, Visibility
from hub.people.factories import PartnershipFactory, member_of
from hub.themes.factories import ThemeFactory

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_share_a_link_with_the_keyboard_alone(page):
    partnership = PartnershipFactory(name="Fenland Family Futures")
    sharer = member_of(partnership, email="sharer@example.org", display_name="Sam Sharer")
    theme = ThemeFactory(name="Early action")
    sign_in(page, sharer.email)

    page.goto(page.base_url + "/library/")
    tab_to(page, r"^\|Share a resource\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/library/share/$"))

    tab_to(page, r"^id_kind_0\|")
    page.keyboard.press("ArrowDown")  # "A link"
    page.keyboard.press("Tab")
    page.keyboard.type("Tool")  # the type list jumps to "Tool"
    page.keyboard.press("Tab")
    page.keyboard.type("Early help map for rural families")
    page.keyboard.press("Tab")
    page.keyboard.type("A map of who offers what, village by village.")
    page.keyboard.press("Tab")
    page.keyboard.type("https://example.org/rural-map")
    tab_to(page, r"^id_themes_0\|")
    page.keyboard.press("Space")
    tab_to(page, r"^\|Share it\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/library/\d+/$"))

    resource = Resource.objects.get()
    assert resource.kind == Resource.Kind.LINK
    assert resource.resource_type == Resource.Type.TOOL
    assert resource.url == "https://example.org/rural-map"
    assert list(resource.themes.all()) == [theme]
    assert resource.partnership == partnership and resource.shared_by == sharer
    assert page.get_by_role("heading", level=1).inner_text() == resource.title
    assert_accessible(page)


def test_library_and_resource_pages_are_accessible(page, phone_page):
    partnership = PartnershipFactory(name="Valleys Together")
    member = member_of(partnership, email="reader@example.org")
    theme = ThemeFactory(name="Relational practice")
    resource = ResourceFactory(
        title="Relational practice guide",
        partnership=partnership,
        visibility=Visibility.PUBLIC,
        themes=[theme],
    )
    ResourceFactory(title="Related tool", themes=[theme], visibility=Visibility.PUBLIC)
    NoteFactory(resource=resource, author=member)
    for p in (page, phone_page):
        p.goto(p.base_url + "/library/?q=relational")
        assert_accessible(p)
        assert_fits_width(p)
        p.goto(p.base_url + resource.get_absolute_url())
        assert_accessible(p)
        assert_fits_width(p)
    sign_in(page, member.email)
    page.goto(page.base_url + resource.get_absolute_url())
    assert page.get_by_role("button", name="Mark as useful").is_visible()
    assert_accessible(page)
    page.goto(page.base_url + "/library/share/")
    assert_accessible(page)


def test_the_partnership_filter_offers_names_as_the_person_types(page):
    """Type part of a name, choose it with the arrow keys and Enter, then search: the
    library shows that partnership's resources, and the page never listed them all."""
    fenland = PartnershipFactory(name="Fenland Family Futures")
    for n in range(12):
        PartnershipFactory(name=f"Riverside Alliance {n:02d}")
    ResourceFactory(title="Fenland toolkit", partnership=fenland, visibility=Visibility.PUBLIC)
    ResourceFactory(title="Another guide", visibility=Visibility.PUBLIC)

    page.goto(page.base_url + "/library/")
    assert "Riverside Alliance 03" not in page.content()
    tab_to(page, r"^id_partnership\|")
    page.keyboard.type("fenl")
    option = page.get_by_role("option", name="Fenland Family Futures")
    option.wait_for()
    assert page.locator("#id_partnership").get_attribute("aria-expanded") == "true"
    assert_accessible(page)
    page.keyboard.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    assert page.locator("#id_partnership").input_value() == "Fenland Family Futures"
    page.keyboard.press("Enter")  # the form's search
    page.wait_for_url(re.compile(r"partnership=Fenland"))
    assert page.get_by_role("link", name="Fenland toolkit").is_visible()
    assert page.get_by_role("link", name="Another guide").count() == 0
