"""Periods are London dates: a week that crosses the clocks changing is still one week."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from hub.digests import services
from hub.digests.models import DigestPreference, DigestRun

UTC = ZoneInfo("UTC")
pytestmark = pytest.mark.django_db


def test_a_week_across_the_spring_clocks_change_covers_seven_local_days():
    # Clocks went forward at 01:00 on Sunday 29 March 2026.
    period = services.period_for("weekly", date(2026, 3, 30))
    assert (period.start_date, period.end_date) == (date(2026, 3, 23), date(2026, 3, 30))
    assert period.start == datetime(2026, 3, 23, 0, 0, tzinfo=UTC)
    assert period.end == datetime(2026, 3, 29, 23, 0, tzinfo=UTC)  # midnight BST
    assert period.end - period.start == timedelta(days=7, hours=-1)


def test_a_week_across_the_autumn_clocks_change_covers_seven_local_days():
    period = services.period_for("weekly", date(2026, 10, 26))
    assert period.start == datetime(2026, 10, 18, 23, 0, tzinfo=UTC)  # midnight BST
    assert period.end == datetime(2026, 10, 26, 0, 0, tzinfo=UTC)
    assert period.end - period.start == timedelta(days=7, hours=1)


def test_consecutive_weekly_periods_meet_without_gap_or_overlap():
    first = services.period_for("weekly", date(2026, 3, 30))
    second = services.period_for("weekly", date(2026, 4, 6))
    assert first.end == second.start


def test_fortnightly_and_monthly_send_days():
    mondays = [date(2026, 3, 2) + timedelta(weeks=n) for n in range(4)]
    sends = [services.is_send_day("fortnightly", d) for d in mondays]
    assert sends in ([True, False, True, False], [False, True, False, True])
    assert services.is_send_day("monthly", date(2026, 4, 6))  # first Monday of April
    assert not services.is_send_day("monthly", date(2026, 4, 13))
    period = services.period_for("monthly", date(2026, 4, 6))
    assert period.start_date == date(2026, 3, 2)  # first Monday of March


def test_the_run_on_the_monday_after_the_clocks_change_starts_once_at_seven_local(member):
    services.set_preference(member, frequency="weekly", day_of_week=0)
    # 06:30 UTC is 07:30 BST on Monday 30 March 2026.
    with time_machine.travel(datetime(2026, 3, 30, 5, 59, tzinfo=UTC), tick=False):
        assert services.start_due_runs() == []
    with time_machine.travel(datetime(2026, 3, 30, 6, 0, tzinfo=UTC), tick=False):
        (run,) = services.start_due_runs()
        assert services.start_due_runs() == []
    assert (run.period_start, run.period_end) == (date(2026, 3, 23), date(2026, 3, 30))
    assert DigestRun.objects.count() == 1


def test_next_send_day_follows_the_chosen_day():
    preference = DigestPreference(frequency="weekly", day_of_week=2)
    assert services.next_send_day(preference, today=date(2026, 11, 24)) == date(2026, 11, 25)
    preference = DigestPreference(frequency="monthly", day_of_week=0)
    assert services.next_send_day(preference, today=date(2026, 11, 24)) == date(2026, 12, 7)
