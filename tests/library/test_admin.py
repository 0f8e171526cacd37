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
