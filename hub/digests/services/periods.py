"""When digests go out and which days each one covers, in London time."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from hub.core.clock import SITE_TIME_ZONE
from hub.core.whats_new import Period
from hub.digests.models import DigestPreference

LONDON = SITE_TIME_ZONE  # the site's zone (settings.TIME_ZONE)
UTC = ZoneInfo("UTC")
# Digests go out from this local hour on their day.
SEND_HOUR = 7
# Fortnightly digests go out in weeks an even number of weeks after this Monday.
FORTNIGHT_EPOCH = date(2024, 1, 1)


def local_today(now=None):
    """Today's date in London."""
    return timezone.localtime(now or timezone.now(), LONDON).date()


def local_midnight(day):
    """00:00 in London on ``day``, as a UTC instant (correct across the clocks changing).

    In UTC so that subtracting two of them gives real elapsed time: Python subtracts
    datetimes sharing one tzinfo by their wall clocks.
    """
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def _first_weekday_of_month(year, month, weekday):
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def is_send_day(frequency, day):
    """Whether a ``frequency`` digest goes out on local date ``day`` (for that weekday's people)."""
    if frequency == DigestPreference.Frequency.WEEKLY:
        return True
    if frequency == DigestPreference.Frequency.FORTNIGHTLY:
        return ((day - FORTNIGHT_EPOCH).days // 7) % 2 == 0
    if frequency == DigestPreference.Frequency.MONTHLY:
        return day.day <= 7
    return False


def period_for(frequency, send_day):
    """The period a digest sent on ``send_day`` covers: local dates, ending the day before."""
    if frequency == DigestPreference.Frequency.WEEKLY:
        start = send_day - timedelta(days=7)
    elif frequency == DigestPreference.Frequency.FORTNIGHTLY:
        start = send_day - timedelta(days=14)
    elif frequency == DigestPreference.Frequency.MONTHLY:
        previous = send_day.replace(day=1) - timedelta(days=1)
        start = _first_weekday_of_month(previous.year, previous.month, send_day.weekday())
    else:
        raise ValueError(f"No period for {frequency!r}")
    return _period(frequency, start, send_day)


def next_send_day(preference, today=None):
    """The next local date this person's digest goes out: today until the send hour, then
    tomorrow or later."""
    if today is None:
        local_now = timezone.localtime(timezone.now(), LONDON)
        today = local_now.date() + timedelta(days=1 if local_now.hour >= SEND_HOUR else 0)
    frequency = preference.frequency
    if frequency == DigestPreference.Frequency.OFF:
        frequency = DigestPreference.Frequency.WEEKLY
    day = today + timedelta(days=(preference.day_of_week - today.weekday()) % 7)
    for _ in range(10):
        if is_send_day(frequency, day):
            return day
        day += timedelta(days=7)
    raise AssertionError("unreachable: every frequency has a send day within ten weeks")


def run_period(run):
    """The period a run covers, as the feeds take it."""
    return _period(run.frequency, run.period_start, run.period_end)


def _period(frequency, start_date, end_date):
    return Period(
        frequency=frequency,
        start_date=start_date,
        end_date=end_date,
        start=local_midnight(start_date),
        end=local_midnight(end_date),
    )
