"""Every uploaded file is served as a download that runs nothing: a Wagtail document (HTML,
SVG, even a PDF), like the library's and a set's files (tests/hub/test_private_files.py)."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

pytestmark = pytest.mark.django_db

SCRIPT = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(document.cookie)</script></svg>"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def document(name, body):
    doc = get_document_model()(title=name, collection=Collection.get_first_root_node())
    doc.file.save(name, ContentFile(body), save=False)
    doc.save()
    return doc


@pytest.mark.parametrize(
    "name, body",
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("picture.svg", SCRIPT),
        ("report.pdf", b"%PDF-1.4 not really"),
    ],
)
def test_a_document_downloads_and_runs_nothing_on_the_hub_s_origin(client, name, body):
    response = client.get(document(name, body).url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert b"".join(response.streaming_content) == body
