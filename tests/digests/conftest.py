"""Helpers for the digest tests: a Monday to send on, and people who want the digest."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hub.digests import services
from hub.people.factories import MembershipFactory, UserFactory

LONDON = ZoneInfo("Europe/London")
SEND_DAY = date(2026, 11, 23)  # a Monday
IN_PERIOD = datetime(2026, 11, 18, 12, 0, tzinfo=LONDON)
SEND_TIME = datetime(2026, 11, 23, 7, 30, tzinfo=LONDON)


@pytest.fixture
def subscribe():
    """``subscribe(person, frequency="weekly", day=0, skipped=())``: record their choice."""

    def make(person, frequency="weekly", day=0, skipped=()):
        return services.set_preference(
            person, frequency=frequency, day_of_week=day, skipped_sections=list(skipped)
        )

    return make


@pytest.fixture
def newcomer(partnership):
    """Someone who joined the partnership during the period: news for its other members."""
    person = UserFactory(email="newcomer@example.org", display_name="Nia Newcomer")
    MembershipFactory(person=person, partnership=partnership, joined_at=IN_PERIOD)
    return person


@pytest.fixture
def run_weekly(django_capture_on_commit_callbacks):
    """Start (and, with eager tasks, send) the weekly run for SEND_DAY."""

    def run(send_day=SEND_DAY, execute=True):
        with django_capture_on_commit_callbacks(execute=execute):
            digest_run, _ = services.start_run("weekly", send_day)
        return digest_run

    return run
