"""Expanding an event series' RRULE in its own local time zone (python-dateutil)."""

from dateutil.rrule import rrulestr


def parse_rule(series):
    """The dateutil rule for a series, anchored at its first start in local (wall) time."""
    local_start = series.first_start.astimezone(series.tz).replace(tzinfo=None)
    return rrulestr(series.rrule, dtstart=local_start, ignoretz=True)
