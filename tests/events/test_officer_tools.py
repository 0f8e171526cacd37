"""Officers: registrations and waiting list, CSV, attendance, messages, feedback, materials."""

from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from events import services
from events.factories import EventPageFactory
from events.models import EventMaterial, Feedback, Registration

pytestmark = pytest.mark.django_db

OFFICER_URLS = ["registrations/", "registrations.csv", "message/", "feedback/summary/"]


@pytest.fixture
def full_event(event, member, outsider, lead):
    services.register(member, event)
    services.register(outsider, event)
    services.register(lead, event)  # waitlisted
    return event


def test_officer_sees_registrations_and_waitlist(client_for, officer, full_event):
    page = client_for(officer).get(f"/events/{full_event.pk}/registrations/").content.decode()
    registered, waiting_list = page.split("<h2>Waiting list</h2>")
    assert "member@example.org" in registered and "outsider@example.org" in registered
    assert "lead@example.org" in waiting_list


@pytest.mark.parametrize("who", [None, "member", "lead", "facilitator"])
def test_others_are_refused_officer_pages(client_for, full_event, who, request):
    user = request.getfixturevalue(who) if who else None
    for url in OFFICER_URLS:
        response = client_for(user).get(f"/events/{full_event.pk}/{url}")
        assert response.status_code in (302, 403), (who, url)
        if who:
            assert response.status_code == 403


def test_csv_export(client_for, officer, full_event):
    response = client_for(officer).get(f"/events/{full_event.pk}/registrations.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Name,Email,Status,Since,Registered by,Attended"
    assert len(lines) == 4
    assert any("lead@example.org,On the waiting list" in line for line in lines)


def test_csv_cells_cannot_become_formulas(client_for, officer, event, partnership):
    from hub.people.factories import MembershipFactory, UserFactory

    sneaky = UserFactory(display_name="=HYPERLINK(1)")
    MembershipFactory(person=sneaky, partnership=partnership)
    services.register(sneaky, event)
    body = client_for(officer).get(f"/events/{event.pk}/registrations.csv").content.decode()
    assert "'=HYPERLINK(1)" in body


def test_mark_attendance_after_the_event(client_for, officer, full_event, member, outsider):
    full_event.start = timezone.now() - timedelta(hours=2)
    full_event.end = timezone.now() - timedelta(hours=1)
    full_event.save_revision().publish()
    mine = Registration.objects.get(person=member)
    response = client_for(officer).post(
        f"/events/{full_event.pk}/registrations/", {"attended": [mine.pk]}
    )
    assert response.status_code == 302
    assert dict(Registration.objects.values_list("person__email", "attended")) == {
        "member@example.org": True,
        "outsider@example.org": False,
        "lead@example.org": None,
    }


def test_officer_cancels_a_place_and_the_waitlist_moves(client_for, officer, full_event, member):
    mine = Registration.objects.get(person=member)
    client_for(officer).post(f"/events/{full_event.pk}/registrations/{mine.pk}/cancel/")
    assert Registration.objects.get(person__email="lead@example.org").status == "registered"


def test_message_all_registrants(
    client_for, officer, full_event, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            f"/events/{full_event.pk}/message/",
            {"subject": "Please read the pre-reading", "message": "It is attached to the page."},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "outsider@example.org"]
    assert mail.outbox[0].subject == "Please read the pre-reading"
    assert "It is attached to the page." in mail.outbox[0].body


def test_message_form_shows_errors(client_for, officer, full_event):
    response = client_for(officer).post(f"/events/{full_event.pk}/message/", {"subject": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_feedback_from_attendees_and_summary(client_for, officer, member, outsider, lead):
    past = EventPageFactory(
        start=timezone.now() - timedelta(hours=2), end=timezone.now() - timedelta(hours=1)
    )
    services.register(member, past, by=officer)
    client = client_for(member)
    assert client.get(f"/events/{past.pk}/feedback/").status_code == 200
    response = client.post(
        f"/events/{past.pk}/feedback/",
        {"valuable": "Hearing from parents", "rating": "5", "next_wanted": "More on data"},
    )
    assert response.status_code == 302
    assert Feedback.objects.get().rating == 5
    # Not registered: refused.
    assert client_for(outsider).get(f"/events/{past.pk}/feedback/").status_code == 403
    summary = client_for(officer).get(f"/events/{past.pk}/feedback/summary/").content.decode()
    assert "Average rating: 5.0" in summary
    assert "Hearing from parents" in summary


def test_feedback_is_not_open_before_the_event(client_for, event, member):
    services.register(member, event)
    assert client_for(member).get(f"/events/{event.pk}/feedback/").status_code == 403


def test_materials_are_for_programme_members_only(client_for, officer, member, event):
    event.audience = "public"
    event.save_revision().publish()
    response = client_for(officer).post(
        f"/events/{event.pk}/materials/add/",
        {
            "kind": "recording",
            "title": "Recording of the huddle",
            "url": "https://video.example.org/1",
        },
    )
    assert response.status_code == 302
    assert EventMaterial.objects.get().added_by == officer
    assert "Recording of the huddle" in client_for(member).get(event.url).content.decode()
    assert "Recording of the huddle" not in client_for(None).get(event.url).content.decode()
    assert client_for(member).get(f"/events/{event.pk}/materials/add/").status_code == 403


def test_material_upload_is_checked(client_for, officer, event):
    bad = SimpleUploadedFile("slides.exe", b"MZ...", content_type="application/octet-stream")
    response = client_for(officer).post(
        f"/events/{event.pk}/materials/add/",
        {"kind": "slides", "title": "Slides", "file": bad},
    )
    assert response.status_code == 200
    assert "Upload a PDF" in response.content.decode()
    good = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client_for(officer).post(
        f"/events/{event.pk}/materials/add/",
        {"kind": "slides", "title": "Slides", "file": good},
    )
    assert response.status_code == 302
    assert EventMaterial.objects.get().document is not None


def test_recording_is_filed_in_the_library_when_it_exists(officer, event, monkeypatch):
    calls = []
    try:
        import hub.library.services as library_services
    except ImportError:
        pytest.skip("The library app has no services module yet.")
    if not hasattr(library_services, "file_event_material"):
        pytest.skip("The library has no file_event_material yet.")
    monkeypatch.setattr(
        library_services, "file_event_material", lambda *a, **k: calls.append((a, k))
    )
    services.add_material(
        event, kind="recording", title="Recording", url="https://video.example.org/1", by=officer
    )
    services.add_material(
        event, kind="slides", title="Slides", url="https://x.example.org", by=officer
    )
    assert len(calls) == 1
    (args, kwargs) = calls[0]
    assert args == (event,)
    assert kwargs["kind"] == "recording" and kwargs["shared_by"] == officer


def test_recording_and_notes_become_programme_resources(officer, event):
    library = pytest.importorskip("hub.library.services")
    if not hasattr(library, "file_event_material"):
        pytest.skip("The library has no file_event_material yet.")
    from hub.library.models import Resource

    services.add_material(
        event, kind="recording", title="Recording", url="https://video.example.org/1", by=officer
    )
    services.add_material(event, kind="notes", title="Notes", notes="What we heard", by=officer)
    assert set(Resource.objects.filter(event=event).values_list("title", flat=True)) == {
        "Recording",
        "Notes",
    }
