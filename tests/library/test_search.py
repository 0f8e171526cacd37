"""Library search: English stemming, the stored search document kept right on every write
(PostgreSQL), and a count that stops at 1,000 for broad searches."""

from django.db import connection, transaction

import pytest

from hub.library import services
from hub.library.factories import ResourceFactory
from hub.library.models import Resource, Visibility
from hub.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored search document is PostgreSQL's"
)


def titles(client, query, **params):
    response = client.get("/library/", {"q": query, **params})
    assert response.status_code == 200
    return [r.title for r in response.context["resources"]]


def test_dads_finds_a_dads_first_year(client_for, member):
    ResourceFactory(title="A dad's first year", visibility=Visibility.PUBLIC)
    ResourceFactory(title="Budget template")
    assert titles(client_for(None), "dads") == ["A dad's first year"]


def test_a_title_match_comes_before_a_description_match(client_for, member):
    ResourceFactory(title="Running a meeting", description="Notes about kinship care.")
    ResourceFactory(title="Kinship care guide", description="For carers.")
    found = titles(client_for(member), "kinship")
    assert set(found) == {"Running a meeting", "Kinship care guide"}
    if connection.vendor == "postgresql":
        assert found[0] == "Kinship care guide"


@on_postgres
def test_the_search_document_follows_edits_and_themes(client_for, member, partnership):
    resource = ResourceFactory(
        title="Old words", partnership=partnership, shared_by=member, visibility="programme"
    )
    client = client_for(member)
    with transaction.atomic():
        services.edit_resource(resource, by=member, title="Welcoming grandparents")
    assert titles(client, "grandparent") == ["Welcoming grandparents"]
    assert titles(client, "old") == []
    theme = ThemeFactory(name="Speech and language")
    resource.themes.add(theme)
    assert titles(client, "speech") == ["Welcoming grandparents"]
    theme.name = "Communication"
    theme.save()
    assert titles(client, "speech") == []
    assert titles(client, "communication") == ["Welcoming grandparents"]
    resource.themes.remove(theme)
    assert titles(client, "communication") == []


def test_a_broad_search_says_more_than_a_thousand(client_for, member, partnership):
    Resource.objects.bulk_create(
        [
            Resource(
                kind="link",
                resource_type="guide",
                title=f"Budget planner {n}",
                description="A budget planner.",
                url="https://example.org/b",
                partnership=partnership,
                visibility="programme",
            )
            for n in range(1001)
        ]
    )
    response = client_for(member).get("/library/", {"q": "budget"})
    page = response.content.decode()
    assert "More than 1,000 resources matching “budget”" in page
    assert len(response.context["resources"]) == 20
    narrow = client_for(member).get("/library/", {"q": "budget planner 7"}).content.decode()
    assert "More than" not in narrow
