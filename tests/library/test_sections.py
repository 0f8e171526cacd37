"""The library's slots: home page, theme pages, site search."""

import pytest

from hub.core import whats_new as core_whats_new
from hub.library.factories import ResourceFactory
from hub.library.models import Visibility
from hub.library.whats_new import NewResources
from hub.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_new_in_the_library_for_this_person(client_for, member, monkeypatch):
    monkeypatch.setattr(core_whats_new, "HOME", ["hub.library.whats_new.NewResources"])
    theme = ThemeFactory(name="Scaling deep")
    member.themes.add(theme)
    ResourceFactory(title="Open guide", visibility=Visibility.PUBLIC)
    ResourceFactory(title="Members' guide", visibility=Visibility.PROGRAMME, themes=[theme])
    visitor_page = client_for(None).get("/").content.decode()
    assert "New in the library" in visitor_page and "Open guide" in visitor_page
    assert "Members&#x27; guide" not in visitor_page
    # A member's "/" is My hub: the library's news comes to them in their themes' block.
    member_page = client_for(member).get("/").content.decode()
    assert "<h1>My hub</h1>" in member_page
    assert "Members&#x27; guide" in member_page


def test_sections_are_left_out_when_there_is_nothing(member):
    theme = ThemeFactory()
    assert NewResources().for_person(member, limit=5) is None
    assert NewResources().for_person(member, limit=5, theme=theme) is None
    assert NewResources().search(member, "anything") is None
    assert NewResources().search(member, "") is None


def test_theme_section_lists_resources_on_the_theme(member):
    theme = ThemeFactory(name="Scaling deep")
    ResourceFactory(title="On theme", themes=[theme])
    ResourceFactory(title="Off theme")
    section = NewResources().for_person(member, limit=5, theme=theme)
    assert [r.title for r in section.objects] == ["On theme"]
    assert section.more_url == f"/library/?theme={theme.slug}"


def test_site_search_groups_by_kind_and_asks_nothing_for_an_empty_query(client_for, member):
    response = client_for(member).get("/search/")
    assert response.status_code == 200 and response.context["sections"] == []
    assert 'role="search"' in response.content.decode()
