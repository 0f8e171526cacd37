"""The Wagtail admin: event pages edit, series are snippets that generate occurrences."""

from datetime import UTC, datetime

import pytest

from events.models import EventPage, EventSeries

pytestmark = pytest.mark.django_db


def test_officer_edits_an_event_and_sees_the_registrations_button(client_for, officer, event):
    response = client_for(officer).get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    assert f"/events/{event.pk}/registrations/" in response.content.decode()


def test_saving_a_series_snippet_generates_its_occurrences(client_for, officer, event):
    response = client_for(officer).post(
        "/admin/snippets/events/eventseries/add/",
        {
            "title": "Monthly huddle",
            "kind": "huddle",
            "summary": "First Thursday",
            "first_start": "2026-12-03 12:30",
            "duration": "01:00:00",
            "rrule": "FREQ=MONTHLY;BYDAY=1TH;COUNT=3",
            "timezone": "Europe/London",
            "format": "online",
            "audience": "programme",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    series = EventSeries.objects.get()
    starts = list(
        EventPage.objects.filter(series=series).order_by("start").values_list("start", flat=True)
    )
    assert starts[0] == datetime(2026, 12, 3, 12, 30, tzinfo=UTC)
    assert len(starts) == 3
