"""The library's partnership filter no longer embeds every partnership: names are fetched as
the person types (``/library/partnerships/``), and without JavaScript the typed name is
matched by the form."""

import pytest

from hub.library.factories import ResourceFactory
from hub.people.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_partnerships(db):
    return [PartnershipFactory(name=f"Riverside Alliance {n:02d}") for n in range(40)]


def _titles(response):
    return [resource.title for resource in response.context["resources"]]


def test_the_library_page_lists_no_partnerships(client, many_partnerships):
    html = client.get("/library/").content.decode()
    assert not any(p.name in html for p in many_partnerships)
    assert 'name="partnership"' in html and 'type="text"' in html
    assert "Type part of its name." in html


def test_names_are_fetched_as_the_person_types(client, many_partnerships, partnership):
    found = client.get("/library/partnerships/", {"q": "harbour"}).json()["partnerships"]
    assert found == [{"name": partnership.name, "slug": partnership.slug}]
    many = client.get("/library/partnerships/", {"q": "riverside"}).json()["partnerships"]
    assert [p["name"] for p in many] == [f"Riverside Alliance {n:02d}" for n in range(10)]
    assert client.get("/library/partnerships/", {"q": "r"}).json() == {"partnerships": []}


def test_without_javascript_a_typed_name_filters_the_library(client_for, member, partnership):
    ResourceFactory(title="Harbour guide", partnership=partnership)
    ResourceFactory(title="Someone else's guide", partnership=PartnershipFactory(name="Moor"))
    client = client_for(member)
    for typed in ("Harbourside Families Together", "harbourside families", partnership.slug):
        assert _titles(client.get("/library/", {"partnership": typed})) == ["Harbour guide"]


def test_a_name_that_matches_none_or_many_says_what_to_do(client, many_partnerships):
    ResourceFactory(title="A guide")
    none = client.get("/library/", {"partnership": "Nowhere Land"}).content.decode()
    assert "No partnership has “Nowhere Land” in its name." in none
    assert 'class="field-error"' in none
    many = client.get("/library/", {"partnership": "Riverside"}).content.decode()
    assert "More than one partnership has “Riverside” in its name: type more of it." in many


def test_the_filters_show_what_was_chosen_with_labels_for_each(client):
    """The type, theme, date and sort lists are written without Django's option templates
    (hub.core.widgets.QuickSelect): the page still says what is chosen, and each list has its
    label."""
    from html.parser import HTMLParser

    class Selects(HTMLParser):
        def __init__(self):
            super().__init__()
            self.chosen, self.labels, self.ids, self._select = {}, set(), set(), None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "select":
                self._select = attrs["name"]
                self.ids.add(attrs["id"])
            elif tag == "option" and "selected" in attrs:
                self.chosen[self._select] = attrs["value"]
            elif tag == "label":
                self.labels.add(attrs.get("for"))

    from hub.themes.factories import ThemeFactory

    theme = ThemeFactory(name="Early help", slug="early-help")
    page = Selects()
    chosen = {"type": "guide", "theme": theme.slug, "shared": "30", "sort": "useful"}
    page.feed(client.get("/library/", chosen).content.decode())
    assert page.chosen == chosen
    assert page.ids <= page.labels
