"""Expanding an event series' RRULE in its own local time zone (python-dateutil).

The rule runs on local wall-clock times, so a monthly huddle at 10:00 stays at 10:00 in
London across the clocks changing; each local time is then turned into UTC for storage.
"""

from datetime import UTC

from dateutil.rrule import rrulestr

MAX_OCCURRENCES = 120


def parse_rule(series):
    """The dateutil rule for a series, anchored at its first start in local (wall) time.

    Raises ValueError for a rule that is not valid or never ends (a series must end, so that
    its calendar entry has an UNTIL).
    """
    text = series.rrule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    upper = text.upper()
    if "UNTIL=" not in upper and "COUNT=" not in upper:
        raise ValueError("the series must end: add UNTIL=... or COUNT=...")
    local_start = series.first_start.astimezone(series.tz).replace(tzinfo=None)
    # UNTIL in UTC ("...Z") is compared as local wall time here; within a day that is fine
    # for a series' last date, and the calendar file writes UNTIL from the real last one.
    text = _naive_until(text)
    return rrulestr(text, dtstart=local_start, ignoretz=True)


def _naive_until(text):
    parts = []
    for part in text.split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "UNTIL" and value.upper().endswith("Z"):
            value = value[:-1]
        parts.append(f"{key}={value}" if value else key)
    return ";".join(parts)


def local_occurrences(series):
    """Naive local start times of every occurrence (at most MAX_OCCURRENCES)."""
    rule = parse_rule(series)
    result = []
    for when in rule:
        result.append(when)
        if len(result) >= MAX_OCCURRENCES:
            break
    return result


def occurrences(series):
    """Aware UTC start times of every occurrence."""
    tz = series.tz
    return [when.replace(tzinfo=tz).astimezone(UTC) for when in local_occurrences(series)]
