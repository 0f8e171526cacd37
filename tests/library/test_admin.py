"""Officers look after the library in the Wagtail admin."""

import pytest

from hub.library.factories import NoteFactory, ResourceFactory, pdf_upload
from hub.library.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_resource():
    return ResourceFactory(
        kind=Resource.Kind.FILE,
        url="",
        file=pdf_upload(),
        file_name="guide.pdf",
        content_type="application/pdf",
    )


def test_officers_list_inspect_and_edit_resources(client_for, officer, file_resource):
    client = client_for(officer)
    NoteFactory(resource=file_resource)
    for url in [
        "/admin/snippets/library/resource/",
        f"/admin/snippets/library/resource/inspect/{file_resource.pk}/",
        f"/admin/snippets/library/resource/edit/{file_resource.pk}/",
        "/admin/snippets/library/note/",
        "/admin/snippets/library/storyconsent/",
        "/admin/snippets/library/resourcerevision/",
    ]:
        assert client.get(url).status_code == 200, url


def test_members_cannot_use_the_library_admin(client_for, member, file_resource):
    response = client_for(member).get("/admin/snippets/library/resource/")
    assert response.status_code in (302, 403)


def test_the_edit_page_of_a_file_resource_renders_for_its_sharer(client_for, file_resource):
    response = client_for(file_resource.shared_by).get(f"/library/{file_resource.pk}/edit/")
    assert response.status_code == 200
    assert "Now: guide.pdf" in response.content.decode()


def _shared_file(member, partnership, title="Family hubs guide"):
    from hub.library import services

    return services.share_resource(
        shared_by=member,
        upload=pdf_upload(),
        kind="file",
        resource_type="guide",
        title=title,
        description="What we learned opening two family hubs.",
        partnership=partnership,
        visibility="programme",
    )


def test_an_admin_edit_keeps_what_it_said_before_in_the_edit_history(
    client_for, officer, member, partnership
):
    resource = _shared_file(member, partnership)
    response = client_for(officer).post(
        f"/admin/snippets/library/resource/edit/{resource.pk}/",
        {
            "title": "Family hubs: a guide",
            "description": "Corrected by the programme team.",
            "resource_type": "guide",
            "kind": "file",
            "url": "",
            "partnership": partnership.pk,
            "visibility": "programme",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    resource.refresh_from_db()
    assert resource.title == "Family hubs: a guide"
    assert resource.file  # the stored file stays when no new one is chosen
    (revision,) = resource.revisions.all()
    assert (revision.title, revision.edited_by) == ("Family hubs guide", officer)
    history = client_for(officer).get("/admin/snippets/library/resourcerevision/")
    assert "Family hubs guide" in history.content.decode()


def test_an_admin_edit_the_service_refuses_shows_the_reason_on_the_form(
    client_for, officer, member, partnership
):
    resource = _shared_file(member, partnership)
    response = client_for(officer).post(
        f"/admin/snippets/library/resource/edit/{resource.pk}/",
        {
            "title": "Now a link",
            "description": "x",
            "resource_type": "guide",
            "kind": "link",
            "url": "",
            "partnership": partnership.pk,
            "visibility": "programme",
        },
    )
    assert response.status_code == 200
    assert "Give the link&#x27;s address." in response.content.decode()
    resource.refresh_from_db()
    assert (resource.title, resource.kind) == ("Family hubs guide", "file")


def test_an_admin_delete_removes_the_private_file(
    client_for, officer, member, partnership, django_capture_on_commit_callbacks
):
    resource = _shared_file(member, partnership)
    storage, name = resource.file.storage, resource.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            f"/admin/snippets/library/resource/delete/{resource.pk}/"
        )
    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not storage.exists(name)


def test_deleting_several_in_the_admin_removes_their_files(
    client_for, officer, member, partnership, django_capture_on_commit_callbacks
):
    first = _shared_file(member, partnership, title="One")
    second = _shared_file(member, partnership, title="Two")
    stored = [(r.file.storage, r.file.name) for r in (first, second)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            "/admin/bulk/library/resource/delete/"
            f"?next=/admin/snippets/library/resource/&id={first.pk}&id={second.pk}"
        )
    assert response.status_code == 302
    assert not Resource.objects.exists()
    assert not any(storage.exists(name) for storage, name in stored)


def test_officers_search_resources_in_the_admin(client_for, officer):
    """The admin's resource listing searches and sorts by title without an error."""
    from hub.library.factories import ResourceFactory

    ResourceFactory(title="Co-production toolkit for parents")
    ResourceFactory(title="Evaluation plan")
    response = client_for(officer).get("/admin/snippets/library/resource/?q=toolkit")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Co-production toolkit for parents" in text
    assert "Evaluation plan" not in text


def test_the_admin_resource_chooser_lists_only_what_a_facilitator_may_see(
    client_for, facilitator, officer, partnership
):
    from hub.library.factories import ResourceFactory
    from hub.library.models import Visibility

    own = ResourceFactory(
        title="Harbourside's own board papers",
        visibility=Visibility.PARTNERSHIP,
        partnership=partnership,
    )
    ResourceFactory(title="A guide for the whole programme")
    facilitator_client = client_for(facilitator)
    for url in (
        "/admin/snippets/choose/library/resource/",
        "/admin/snippets/choose/library/resource/results/",
    ):
        html = facilitator_client.get(url).content.decode()
        assert "A guide for the whole programme" in html, url
        assert "Harbourside's own board papers" not in html, url
    chosen = facilitator_client.get(f"/admin/snippets/choose/library/resource/chosen/{own.pk}/")
    assert chosen.status_code == 404
    officer_html = client_for(officer).get("/admin/snippets/choose/library/resource/")
    assert "Harbourside&#x27;s own board papers" in officer_html.content.decode()
