"""Each visibility level on each path, for a visitor, a member, a member of another
partnership and an officer. Hidden and withdrawn resources are never listed for anyone."""

import json

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest

from hub.core import whats_new as core_whats_new
from hub.library import queries
from hub.library.factories import ResourceFactory, pdf_upload
from hub.library.models import Resource, Visibility

VIEWERS = ["visitor", "member", "outsider", "officer"]
SEES = {
    "visitor": {"public"},
    "member": {"public", "programme", "partnership"},
    "outsider": {"public", "programme"},
    "officer": {"public", "programme", "partnership"},
}
ALL = {"public", "programme", "partnership", "hidden", "withdrawn"}


@pytest.fixture
def resources(partnership, lead):
    made = {}
    for level, visibility in [
        ("public", Visibility.PUBLIC),
        ("programme", Visibility.PROGRAMME),
        ("partnership", Visibility.PARTNERSHIP),
        ("hidden", Visibility.PUBLIC),
    ]:
        made[level] = ResourceFactory(
            title=f"Zebrafish {level} toolkit",
            kind=Resource.Kind.FILE,
            url="",
            file=pdf_upload(f"{level}.pdf"),
            file_name=f"{level}.pdf",
            content_type="application/pdf",
            visibility=visibility,
            partnership=partnership,
            shared_by=lead,
        )
    Resource.objects.filter(pk=made["hidden"].pk).update(
        hidden_at=timezone.now(), hidden_reason="Reported"
    )
    made["hidden"].refresh_from_db()
    made["withdrawn"] = ResourceFactory(
        title="Zebrafish withdrawn story",
        resource_type=Resource.Type.STORY,
        partnership=partnership,
        withdrawn_at=timezone.now(),
    )
    return made


@pytest.fixture
def viewer(request, member, outsider, officer):
    return {"visitor": None, "member": member, "outsider": outsider, "officer": officer}[
        request.param
    ]


def _levels_in(text, resources):
    return {level for level, resource in resources.items() if resource.title in text}


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_resource_page(viewer, resources, client_for, request):
    name = request.node.callspec.params["viewer"]
    client = client_for(viewer)
    for level, resource in resources.items():
        response = client.get(resource.get_absolute_url())
        # Officers may still open hidden content to review it (with the notice shown).
        allowed = level in SEES[name] or (level == "hidden" and name == "officer")
        if allowed:
            assert response.status_code == 200, level
            assert resource.title in response.content.decode()
        elif viewer is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404, level


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_file_download(viewer, resources, client_for, request):
    name = request.node.callspec.params["viewer"]
    client = client_for(viewer)
    for level in ("public", "programme", "partnership", "hidden"):
        response = client.get(resources[level].get_download_url())
        if level in SEES[name]:
            assert response.status_code == 200, level
            assert response["Content-Disposition"].startswith("attachment")
            assert response["X-Content-Type-Options"] == "nosniff"
            assert b"".join(response.streaming_content).startswith(b"%PDF")
        else:
            assert response.status_code in (302, 404), level


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_library_list(viewer, resources, client_for, request):
    name = request.node.callspec.params["viewer"]
    response = client_for(viewer).get("/library/")
    assert _levels_in(response.content.decode(), resources) == SEES[name]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_library_search(viewer, resources, client_for, request):
    name = request.node.callspec.params["viewer"]
    response = client_for(viewer).get("/library/", {"q": "zebrafish"})
    assert _levels_in(response.content.decode(), resources) == SEES[name]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_site_search(viewer, resources, client_for, request, monkeypatch):
    # Only the library's section: the other apps test their own.
    monkeypatch.setattr(core_whats_new, "SEARCH", ["hub.library.whats_new.NewResources"])
    name = request.node.callspec.params["viewer"]
    response = client_for(viewer).get("/search/", {"q": "zebrafish"})
    assert response.status_code == 200
    assert _levels_in(response.content.decode(), resources) == SEES[name]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_json_api(viewer, resources, client_for, request):
    name = request.node.callspec.params["viewer"]
    data = json.loads(client_for(viewer).get("/library/api/resources/").content)
    titles = " ".join(item["title"] for item in data["results"])
    assert _levels_in(titles, resources) == SEES[name]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_feed_is_public_resources_only_whoever_asks(viewer, resources, client_for):
    response = client_for(viewer).get("/library/feed/")
    assert response.status_code == 200
    assert _levels_in(response.content.decode(), resources) == {"public"}


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_digest_and_home_queries(viewer, resources, request):
    name = request.node.callspec.params["viewer"]
    user = viewer or AnonymousUser()
    titles = " ".join(r.title for r in queries.new_resources(user, limit=10))
    assert _levels_in(titles, resources) == SEES[name]
    for level, resource in resources.items():
        assert resource.can_view(user) == (level in SEES[name]), level


def test_the_author_can_still_open_their_hidden_resource_and_read_why(resources, lead, client_for):
    response = client_for(lead).get(resources["hidden"].get_absolute_url())
    assert response.status_code == 200
    assert "Reported" in response.content.decode()
    assert "/library/" in client_for(lead).get("/library/").content.decode()
    assert resources["hidden"].title not in client_for(lead).get("/library/").content.decode()


def test_partnership_only_resources_of_another_partnership_are_left_out_for_the_digest(
    resources, member, partnership
):
    found = queries.new_resources(member, exclude_partnerships=[partnership])
    assert found == []


def test_can_view_needs_no_queries_once_roles_are_warm(
    resources, outsider, django_assert_num_queries
):
    from hub.people import roles

    roles.is_officer(outsider)
    roles.partnership_ids_of(outsider)
    items = list(Resource.objects.all())
    with django_assert_num_queries(0):
        assert [r.can_view(outsider) for r in items].count(True) == 2
