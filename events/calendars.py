"""iCalendar files for events, series and feeds (the ``icalendar`` library).

Every event has the stable UID ``event-<pk>@hub``, local times with ``TZID=Europe/London``
and one VTIMEZONE in the compact form the big calendar providers write: a STANDARD (GMT)
and a DAYLIGHT (BST) rule that repeat yearly on the last Sunday of October and of March, so
every parser reads the same times in every year. The joining link goes only into calendars
built for people registered for that event (their confirmation, reminders and personal
feed); never into public files.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from django.utils import timezone

import icalendar

from events.series import local_occurrences
from hub.core.links import absolute_url

PRODID = "-//The hub//Huddles, webinars and gatherings//EN"


def _calendar(name=None):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/London")
    return calendar


def _description(event, *, with_joining_link):
    url = absolute_url(event.url or "")
    lines = [event.summary, "", f"Details: {url}"]
    if event.accessibility_notes:
        lines += ["", f"Accessibility: {event.accessibility_notes}"]
    if with_joining_link and event.joining_link:
        lines += ["", f"Joining link: {event.joining_link}"]
    if event.is_cancelled:
        lines = ["This event has been cancelled.", ""] + lines
    return "\n".join(lines)


def event_component(event, *, with_joining_link=False, cancelled=False):
    """One VEVENT. ``with_joining_link`` only for a person registered for this event."""
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@hub")
    component.add("dtstamp", timezone.now().astimezone(UTC))
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("summary", event.title)
    component.add("description", _description(event, with_joining_link=with_joining_link))
    if event.location:
        component.add("location", event.location)
    component.add("url", absolute_url(event.url or ""))
    component.add("sequence", event.sequence)
    component.add("status", "CANCELLED" if (cancelled or event.is_cancelled) else "CONFIRMED")
    return component


def _london_observance(kind, *, name, start, offset_from, offset_to, month):
    observance = kind()
    observance.add("tzname", name)
    observance.add("dtstart", start)
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", offset_to)
    observance.add("rrule", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
    return observance


def london_timezone():
    """Europe/London as two yearly rules: BST from 01:00 GMT on the last Sunday of March,
    GMT from 02:00 BST on the last Sunday of October (the rules since 1996)."""
    component = icalendar.Timezone()
    component.add("tzid", "Europe/London")
    component.add("x-lic-location", "Europe/London")
    gmt, bst = timedelta(0), timedelta(hours=1)
    component.add_component(
        _london_observance(
            icalendar.TimezoneStandard,
            name="GMT",
            start=datetime(1970, 10, 25, 2, 0),  # noqa: DTZ001 (local, as RFC 5545 asks)
            offset_from=bst,
            offset_to=gmt,
            month=10,
        )
    )
    component.add_component(
        _london_observance(
            icalendar.TimezoneDaylight,
            name="BST",
            start=datetime(1970, 3, 29, 1, 0),  # noqa: DTZ001
            offset_from=gmt,
            offset_to=bst,
            month=3,
        )
    )
    return component


def _to_bytes(calendar):
    calendar.subcomponents.insert(0, london_timezone())  # zones before the events that use them
    calendar.add_missing_timezones()  # any other zone a series was given
    return calendar.to_ical()


def event_ics(event, *, with_joining_link=False, cancelled=False):
    """The .ics file for one event (attachments and the per-event download)."""
    calendar = _calendar()
    calendar.add_component(
        event_component(event, with_joining_link=with_joining_link, cancelled=cancelled)
    )
    return _to_bytes(calendar)


def feed_ics(events, *, name, joining_link_for=frozenset()):
    """A subscription feed. ``joining_link_for``: ids of events the subscriber is registered for."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(
            event_component(event, with_joining_link=event.pk in joining_link_for)
        )
    return _to_bytes(calendar)


def series_rrule(series):
    """The series' RRULE for a calendar file: COUNT replaced by UNTIL (the last start, in UTC)."""
    starts = local_occurrences(series)
    rule = icalendar.vRecur.from_ical(series.rrule.strip().removeprefix("RRULE:"))
    rule.pop("COUNT", None)
    last = starts[-1].replace(tzinfo=series.tz).astimezone(UTC)
    rule["UNTIL"] = [last]
    return rule


def series_ics(series, occurrence_pages=()):
    """A recurring calendar entry for a series, in local time, ending at its last occurrence.

    Cancelled occurrences become EXDATEs; moved ones are overrides with a RECURRENCE-ID.
    """
    starts = local_occurrences(series)
    tz = series.tz
    first = starts[0].replace(tzinfo=tz)
    calendar = _calendar(series.title)
    component = icalendar.Event()
    uid = f"series-{series.pk}@hub"
    component.add("uid", uid)
    component.add("dtstamp", timezone.now().astimezone(UTC))
    component.add("dtstart", first)
    component.add("dtend", first + series.duration)
    component.add("summary", series.title)
    component.add("description", series.summary)
    component.add("rrule", series_rrule(series))
    overrides = []
    for page in occurrence_pages:
        if not page.series_occurrence:
            continue
        original = timezone.localtime(page.series_occurrence, tz)
        if page.is_cancelled:
            component.add("exdate", original)
        elif page.start != page.series_occurrence or page.end - page.start != series.duration:
            override = event_component(page)
            override["uid"] = uid
            override.add("recurrence-id", original)
            overrides.append(override)
    calendar.add_component(component)
    for override in overrides:
        calendar.add_component(override)
    return _to_bytes(calendar)


def google_calendar_link(event):
    """An "add to Google Calendar" link: title, times, summary and page link, never the
    joining link (the URL could be shared or logged)."""
    fmt = "%Y%m%dT%H%M%SZ"
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{event.start.astimezone(UTC):{fmt}}/{event.end.astimezone(UTC):{fmt}}",
        "details": f"{event.summary}\n\n{absolute_url(event.url or '')}",
        "location": event.location,
        "ctz": "Europe/London",
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)
