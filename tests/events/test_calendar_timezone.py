"""Calendar files read the same in two independent parsers (icalendar and vobject), on both
sides of the clocks changing: a 12:30 huddle in January is 12:30 GMT (12:30 UTC) and one in
July is 12:30 BST (11:30 UTC). The VTIMEZONE is the compact yearly-rule form."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
import vobject

from events import services
from events.calendars import event_ics, series_ics
from events.factories import EventPageFactory
from events.models import EventSeries

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")

JANUARY = datetime(2027, 1, 13, 12, 30, tzinfo=LONDON)
JULY = datetime(2027, 7, 14, 12, 30, tzinfo=LONDON)
EXPECTED_UTC = {
    JANUARY: datetime(2027, 1, 13, 12, 30, tzinfo=UTC),
    JULY: datetime(2027, 7, 14, 11, 30, tzinfo=UTC),
}


def starts_by_icalendar(content):
    calendar = icalendar.Calendar.from_ical(content)
    return sorted(event.decoded("dtstart").astimezone(UTC) for event in calendar.walk("VEVENT"))


def starts_by_vobject(content):
    calendar = vobject.readOne(content.decode())
    return sorted(event.dtstart.value.astimezone(UTC) for event in calendar.vevent_list)


def assert_both_parsers_read(content, expected):
    assert starts_by_icalendar(content) == expected
    assert starts_by_vobject(content) == expected


def huddle(start, **kwargs):
    return EventPageFactory(
        title=f"Huddle on {start:%B}", start=start, end=start + timedelta(hours=1), **kwargs
    )


def test_the_timezone_is_two_yearly_rules_not_an_expansion(db):
    content = event_ics(huddle(JANUARY)).decode()
    (timezone,) = icalendar.Calendar.from_ical(content).walk("VTIMEZONE")
    assert str(timezone["tzid"]) == "Europe/London"
    (standard,) = timezone.walk("STANDARD")
    (daylight,) = timezone.walk("DAYLIGHT")
    assert str(standard["tzname"]) == "GMT"
    assert standard["rrule"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert str(daylight["tzname"]) == "BST"
    assert daylight["rrule"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert "RDATE" not in content
    # The zone comes before the events that use it.
    assert content.index("BEGIN:VTIMEZONE") < content.index("BEGIN:VEVENT")


@pytest.mark.parametrize("start", [JANUARY, JULY], ids=["january-gmt", "july-bst"])
def test_an_event_file_reads_the_same_in_both_parsers(db, start):
    assert_both_parsers_read(event_ics(huddle(start)), [EXPECTED_UTC[start]])


def test_the_personal_feed_reads_the_same_in_both_parsers(client_for, member):
    with time_machine.travel(datetime(2026, 12, 1, tzinfo=UTC), tick=False):
        events = [huddle(JANUARY), huddle(JULY)]
        for event in events:
            services.register(member, event)
        url = services.calendar_feed_for(member).get_absolute_url()
        response = client_for(None).get(url)
    assert response.status_code == 200
    assert_both_parsers_read(response.content, [EXPECTED_UTC[JANUARY], EXPECTED_UTC[JULY]])


def test_the_public_feed_reads_the_same_in_both_parsers(client_for):
    with time_machine.travel(datetime(2026, 12, 1, tzinfo=UTC), tick=False):
        huddle(JANUARY, audience="public")
        huddle(JULY, audience="public")
        response = client_for(None).get("/events/calendar/public.ics")
    assert response.status_code == 200
    assert_both_parsers_read(response.content, [EXPECTED_UTC[JANUARY], EXPECTED_UTC[JULY]])


def test_a_series_across_the_clocks_changing_reads_the_same_in_both_parsers(db):
    # Monthly on the second Wednesday at 12:30 London time, January to July 2027.
    series = EventSeries.objects.create(
        title="Monthly huddle",
        rrule="FREQ=MONTHLY;BYDAY=2WE;COUNT=7",
        timezone="Europe/London",
        first_start=JANUARY.astimezone(UTC),
        duration=timedelta(hours=1),
    )
    content = series_ics(series, services.generate_occurrences(series))
    expected_local = [
        datetime(2027, month, day, 12, 30, tzinfo=LONDON)
        for month, day in [(1, 13), (2, 10), (3, 10), (4, 14), (5, 12), (6, 9), (7, 14)]
    ]
    expected = [start.astimezone(UTC) for start in expected_local]
    assert expected[0].hour == 12 and expected[-1].hour == 11

    (main,) = vobject.readOne(content.decode()).vevent_list
    by_vobject = [start.astimezone(UTC) for start in main.getrruleset()]
    assert by_vobject == expected

    (component,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    first = component.decoded("dtstart")
    assert first.astimezone(UTC) == expected[0]
    assert component["rrule"]["UNTIL"][0] == expected[-1]
