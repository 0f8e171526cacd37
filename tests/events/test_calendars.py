"""Calendars: valid iCalendar that round-trips, UK time across the clocks changing, series
with RRULE/UNTIL/TZID, personal feeds with revocable tokens, the public feed."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine

from events import services
from events.calendars import event_ics, google_calendar_link, series_ics
from events.factories import EventPageFactory
from events.models import EventSeries
from events.series import occurrences

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def parse(content):
    return icalendar.Calendar.from_ical(content)


def only_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_event_ics_round_trips(db):
    event = EventPageFactory(
        title="Gathering in Leeds",
        kind="gathering",
        format="in_person",
        venue_name="Quarry House",
        venue_address="Quarry Hill\nLeeds LS2 7UE",
        start=datetime(2026, 6, 10, 9, 30, tzinfo=UTC),
        end=datetime(2026, 6, 10, 15, 0, tzinfo=UTC),
    )
    content = event_ics(event)
    calendar = parse(content)
    component = only_event(calendar)
    assert str(component["uid"]) == f"event-{event.pk}@hub"
    assert component["dtstart"].params["TZID"] == "Europe/London"
    assert component.decoded("dtstart") == datetime(2026, 6, 10, 10, 30, tzinfo=LONDON)
    assert component.decoded("dtend").astimezone(UTC) == event.end
    assert str(component["location"]) == "Quarry House, Quarry Hill Leeds LS2 7UE"
    assert str(component["url"]).endswith(event.url)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    # Round trip: parsing and writing again gives the same calendar.
    assert parse(calendar.to_ical()).to_ical() == calendar.to_ical()


@pytest.mark.parametrize(
    ("utc_start", "local"),
    [
        # The clocks go forward at 01:00 UTC on Sunday 29 March 2026.
        (datetime(2026, 3, 28, 10, 0, tzinfo=UTC), "Saturday 28 March 2026, 10:00"),
        (datetime(2026, 3, 30, 9, 0, tzinfo=UTC), "Monday 30 March 2026, 10:00"),
        # They go back at 01:00 UTC on Sunday 25 October 2026.
        (datetime(2026, 10, 24, 9, 0, tzinfo=UTC), "Saturday 24 October 2026, 10:00"),
        (datetime(2026, 10, 26, 10, 0, tzinfo=UTC), "Monday 26 October 2026, 10:00"),
    ],
)
def test_times_are_shown_in_uk_time_across_the_clocks_changing(
    client_for, member, utc_start, local
):
    with time_machine.travel(datetime(2026, 3, 1, tzinfo=UTC), tick=False):
        event = EventPageFactory(start=utc_start, end=utc_start + timedelta(hours=1))
        page = client_for(member).get(event.url).content.decode()
    assert local in page
    assert "to 11:00 (UK time)" in page
    component = only_event(parse(event_ics(event)))
    assert component.decoded("dtstart").strftime("%H:%M") == "10:00"
    assert component.decoded("dtstart").astimezone(UTC) == utc_start


def test_series_keeps_local_time_across_the_clocks_changing(db):
    # Monthly on the second Wednesday at 10:00 London time, February to December 2026.
    series = EventSeries.objects.create(
        title="Monthly huddle",
        rrule="FREQ=MONTHLY;BYDAY=2WE;COUNT=11",
        timezone="Europe/London",
        first_start=datetime(2026, 2, 11, 10, 0, tzinfo=UTC),  # 10:00 GMT
        duration=timedelta(hours=1),
    )
    starts = occurrences(series)
    assert len(starts) == 11
    assert {s.astimezone(LONDON).strftime("%H:%M") for s in starts} == {"10:00"}
    # In summer 10:00 London is 09:00 UTC; in winter it is 10:00 UTC.
    assert starts[0].hour == 10 and starts[5].hour == 9 and starts[-1].hour == 10
    created = services.generate_occurrences(series)
    assert len(created) == 11
    assert services.generate_occurrences(series) == []  # idempotent
    cancelled = created[2]
    cancelled.is_cancelled = True
    cancelled.save_revision().publish()
    calendar = parse(series_ics(series, created))
    main = calendar.walk("VEVENT")[0]
    assert main["dtstart"].params["TZID"] == "Europe/London"
    rule = main["rrule"]
    assert "COUNT" not in rule
    assert rule["UNTIL"][0] == datetime(2026, 12, 9, 10, 0, tzinfo=UTC)
    assert main.decoded("exdate").dts[0].dt == datetime(2026, 4, 8, 10, 0, tzinfo=LONDON)


def test_series_rule_must_end(db):
    from django.core.exceptions import ValidationError

    series = EventSeries(
        title="Forever",
        rrule="FREQ=WEEKLY",
        first_start=datetime(2026, 2, 11, 10, 0, tzinfo=UTC),
    )
    with pytest.raises(ValidationError):
        series.full_clean()


def test_series_ics_is_served_to_those_who_may_see_it(client_for, member):
    series = EventSeries.objects.create(
        title="Monthly huddle",
        rrule="FREQ=MONTHLY;BYDAY=2WE;UNTIL=20261231T000000Z",
        first_start=datetime(2026, 9, 9, 9, 0, tzinfo=UTC),
    )
    services.generate_occurrences(series)
    assert client_for(None).get(f"/events/series/{series.pk}.ics").status_code == 404
    response = client_for(member).get(f"/events/series/{series.pk}.ics")
    assert response.status_code == 200
    assert "RRULE:FREQ=MONTHLY;UNTIL=20261209T100000Z;BYDAY=2WE" in response.content.decode()


def test_personal_feed_token_is_secret_and_revocable(client_for, member, event):
    services.register(member, event)
    client = client_for(None)
    old_url = services.calendar_feed_for(member).get_absolute_url()
    assert event.title in client.get(old_url).content.decode()
    page = client_for(member).get("/events/calendar/").content.decode()
    assert old_url in page
    client_for(member).post("/events/calendar/")
    assert client.get(old_url).status_code == 404
    new_url = services.calendar_feed_for(member).get_absolute_url()
    assert new_url != old_url
    assert client.get(new_url).status_code == 200
    assert client.get("/events/calendar/not-a-token.ics").status_code == 404


def test_personal_feed_stops_when_the_person_is_no_longer_a_member(client, member, event):
    url = services.calendar_feed_for(member).get_absolute_url()
    member.is_active = False
    member.save()
    assert client.get(url).status_code == 404


def test_cancelled_event_ics_says_cancelled(event):
    event.is_cancelled = True
    component = only_event(parse(event_ics(event)))
    assert str(component["status"]) == "CANCELLED"


def test_google_link(event):
    link = google_calendar_link(event)
    assert link.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
    assert "meet.example.org" not in link
