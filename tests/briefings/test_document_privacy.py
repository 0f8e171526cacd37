"""Documents follow what uses them (security review, issue 15, item 6).

A document is served to a person if nothing non-public uses it, or if they may see at least
one thing that uses it (Wagtail's reference index: document blocks and rich text links). A
document in a restricted collection also follows the collection. Files are reached only
through that check: never directly under /media/documents/, and original images are never
served (pages use renditions).
"""

import importlib.util

from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection, ReferenceIndex
from wagtail.rich_text import RichText

import pytest

from briefings.factories import create_briefing
from briefings.models import Audience
from hub.people.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def waiting(db):
    """Signed in, but not yet approved: still a visitor to programme content."""
    return UserFactory(email="waiting@example.org", is_approved=False)


def root_document(title="Partnership budgets", body=b"confidential figures"):
    """A document in the Root collection (no collection restriction at all)."""
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save("budgets.txt", ContentFile(body), save=False)
    document.save()
    return document


def document_block(document):
    return ("document", {"document": document, "title": "", "description": ""})


def linked_in_text(document):
    return (
        "paragraph",
        RichText(f'<p>See <a linktype="document" id="{document.pk}">this</a>.</p>'),
    )


def download(client, document):
    response = client.get(document.url)
    if response.status_code == 200:
        return b"".join(response.streaming_content)
    return response


def is_sign_in(response):
    return response.status_code == 302 and reverse("account_login") in response.url


def test_documents_are_served_by_the_checked_view():
    assert django_settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert root_document().url.startswith("/documents/")


def private_collection():
    return Collection.objects.get(name="Programme only")


def test_a_document_linked_only_from_a_programme_briefing_is_refused_to_visitors(
    client_for, member, waiting
):
    """A rich text link is not a document block: the briefing's own check (documents in the
    restricted collection) never saw it, so the document is still in Root."""
    document = root_document()
    create_briefing(title="Budgets", audience=Audience.PROGRAMME, body=[linked_in_text(document)])
    assert ReferenceIndex.get_references_to(document).exists()
    assert is_sign_in(download(client_for(None), document))
    assert download(client_for(waiting), document).status_code == 404
    assert download(client_for(member), document) == b"confidential figures"


def test_moving_a_programme_briefings_document_back_to_root_does_not_open_it(client_for, member):
    document = root_document()
    document.collection = private_collection()
    document.save()
    create_briefing(title="Budgets", audience=Audience.PROGRAMME, body=[document_block(document)])
    document.collection = Collection.get_first_root_node()
    document.save()
    assert is_sign_in(download(client_for(None), document))
    assert download(client_for(member), document) == b"confidential figures"


def test_a_document_on_a_public_briefing_is_still_served_to_everyone(client_for):
    document = root_document(body=b"open guide")
    create_briefing(title="Guide", audience=Audience.PUBLIC, body=[document_block(document)])
    assert download(client_for(None), document) == b"open guide"


def test_a_document_used_by_nothing_is_served_as_before(client_for):
    assert download(client_for(None), root_document(body=b"loose")) == b"loose"


def test_one_public_use_is_enough(client_for):
    document = root_document(body=b"shared guide")
    create_briefing(title="Members", audience=Audience.PROGRAMME, body=[linked_in_text(document)])
    create_briefing(title="Everyone", audience=Audience.PUBLIC, body=[document_block(document)])
    assert download(client_for(None), document) == b"shared guide"


def test_a_briefing_made_programme_only_takes_its_document_with_it(client_for, member):
    document = root_document()
    page = create_briefing(
        title="Budgets", audience=Audience.PUBLIC, body=[linked_in_text(document)]
    )
    assert download(client_for(None), document) == b"confidential figures"
    page.audience = Audience.PROGRAMME
    page.save_revision().publish()
    assert is_sign_in(download(client_for(None), document))
    assert download(client_for(member), document) == b"confidential figures"


def test_a_drafts_document_is_for_its_editors(client_for, member, officer):
    """An unpublished briefing is seen by nobody, but those who may edit its document in the
    admin (officers, in the restricted collection) may still check the file."""
    document = root_document()
    document.collection = private_collection()
    document.save()
    create_briefing(
        title="Not ready",
        audience=Audience.PROGRAMME,
        body=[document_block(document)],
        publish=False,
    )
    assert is_sign_in(download(client_for(None), document))
    assert download(client_for(member), document).status_code == 404
    assert download(client_for(officer), document) == b"confidential figures"


def test_the_restricted_collection_still_applies_to_an_unused_document(client_for, member):
    document = root_document()
    document.collection = private_collection()
    document.save()
    assert is_sign_in(download(client_for(None), document))
    assert download(client_for(member), document) == b"confidential figures"


# What the developer's server serves from MEDIA_ROOT ---------------------------------------


@pytest.fixture
def debug_urls(settings, tmp_path):
    """hub.urls as a developer's server (DEBUG) loads it, with a file in each media folder."""
    settings.DEBUG = True
    for folder in ("images", "original_images", "documents"):
        (tmp_path / "media" / folder).mkdir(parents=True)
        (tmp_path / "media" / folder / "file.txt").write_bytes(folder.encode())
    spec = importlib.util.find_spec("hub.urls")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    settings.ROOT_URLCONF = module
    return module


def test_the_dev_server_serves_image_renditions_and_nothing_else_from_media(client, debug_urls):
    response = client.get("/media/images/file.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"images"
    for path in (
        "/media/documents/file.txt",
        "/media/original_images/file.txt",
        "/media/images/../documents/file.txt",
        "/media/images/%2e%2e/documents/file.txt",
    ):
        response = client.get(path)
        assert response.status_code in (400, 404), path


def test_the_production_urls_serve_nothing_from_media(client, settings, tmp_path):
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "file.txt").write_bytes(b"documents")
    assert client.get("/media/documents/file.txt").status_code == 404
