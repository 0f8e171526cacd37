"""Forms for an event kept in the GOV.UK pattern when something is missing (issue 11): the
page comes back (no redirect), its title starts "Error: ", the summary links to the field,
the message sits by the field, and what the person typed or chose is still there."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from events import services
from events.factories import EventPageFactory
from events.models import EventMaterial, Feedback, HostOffer

pytestmark = pytest.mark.django_db


def title_of(html):
    return html[html.index("<title>") + 7 : html.index("</title>")]


def test_feedback_with_no_rating_keeps_the_words(client_for, officer, member):
    past = EventPageFactory(
        start=timezone.now() - timedelta(hours=2), end=timezone.now() - timedelta(hours=1)
    )
    services.register(member, past, by=officer)
    response = client_for(member).post(
        f"/events/{past.pk}/feedback/", {"valuable": "Hearing from parents in their words"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(html).startswith("Error: ")
    assert 'href="#id_rating"' in html and 'id="id_rating_error"' in html
    assert "Hearing from parents in their words</textarea>" in html
    assert not Feedback.objects.exists()


def test_a_chosen_recording_is_kept_when_the_title_is_missing(client_for, officer):
    event = EventPageFactory(title="Fathers and early help")
    client = client_for(officer)
    slides = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides", content_type="application/pdf")
    response = client.post(
        f"/events/{event.pk}/materials/add/",
        {"kind": "slides", "notes": "What we heard", "file": slides},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(html).startswith("Error: ")
    assert 'href="#id_title"' in html
    assert "Your file slides.pdf is kept" in html
    assert "What we heard</textarea>" in html
    token = html.split('name="file_kept" value="', 1)[1].split('"', 1)[0]

    # Only the title is added: no file is sent again, and the kept one is used.
    response = client.post(
        f"/events/{event.pk}/materials/add/",
        {"kind": "slides", "title": "Slides", "notes": "What we heard", "file_kept": token},
    )
    assert response.status_code == 302
    material = EventMaterial.objects.get()
    assert material.document.file.read() == b"%PDF-1.4 slides"


def test_a_host_offer_refused_says_error_in_the_title_and_keeps_the_note(
    client_for, outsider, member, partnership
):
    idea = services.propose_topic_idea(outsider, "Reaching fathers", "How do we reach dads?")
    response = client_for(member).post(
        f"/events/ideas/{idea.pk}/host/",
        {"offer-partnership": "", "offer-note": "Our dads' group could present."},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert title_of(html).startswith("Error: ")
    assert 'href="#id_offer-partnership"' in html
    assert "Our dads&#x27; group could present.</textarea>" in html
    assert not HostOffer.objects.exists()
