"""The PDF download: made once per revision (needs WeasyPrint, skipped where it is missing)."""

from unittest import mock

import pytest

from briefings import pages, pdf
from briefings.factories import create_briefing
from briefings.models import Audience


def test_pdf_route_is_404_without_weasyprint(client, public_briefing):
    with mock.patch.object(pages, "render_briefing_pdf", side_effect=pdf.PdfUnavailable("x")):
        assert client.get(public_briefing.url + "pdf/").status_code == 404


def test_programme_only_pdf_is_refused_to_visitors(client, index):
    page = create_briefing(audience=Audience.PROGRAMME)
    response = client.get(page.url + "pdf/")
    assert response.status_code == 302  # to sign in, before any PDF is made


def test_pdf_is_rendered_once_per_revision(client, public_briefing):
    pytest.importorskip("weasyprint")
    response = client.get(public_briefing.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    with mock.patch("weasyprint.HTML") as html:
        again = client.get(public_briefing.url + "pdf/")
        assert again.content == response.content
        html.assert_not_called()
    first_key = pdf.cache_key(public_briefing)
    public_briefing.title = "A new title"
    public_briefing.save_revision().publish()
    public_briefing.refresh_from_db()
    assert pdf.cache_key(public_briefing) != first_key
    assert client.get(public_briefing.url + "pdf/").content != response.content
