"""``manage.py send_digests`` and the demo seeder."""

import io

from django.core import mail
from django.core.management import CommandError, call_command

import pytest

from hub.digests.demo import seed
from hub.digests.models import DigestPreference, DigestRun
from hub.people.factories import member_of

pytestmark = pytest.mark.django_db


def run_command(*args):
    out = io.StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_what_would_go_and_sends_nothing(member, outsider, newcomer, subscribe):
    subscribe(member)
    subscribe(outsider)
    output = run_command("--dry-run", "--period", "2026-11-23", "--frequency", "weekly")
    assert "member@example.org: Your hub digest: Nia Newcomer" in output
    assert "outsider@example.org: nothing new, skipped" in output
    assert "1 would be sent, 1 skipped" in output
    assert mail.outbox == [] and not DigestRun.objects.exists()


def test_one_member_for_one_period(
    member, partnership, newcomer, subscribe, django_capture_on_commit_callbacks
):
    subscribe(member)
    subscribe(member_of(partnership, email="someone-else@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command("--member", "member@example.org", "--period", "2026-11-23")
    assert "Started Every week digest from 16 November 2026 (1 members)" in output
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    # Running it again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        output = run_command("--member", "member@example.org", "--period", "2026-11-23")
    assert "Already started" in output and len(mail.outbox) == 1


def test_bad_arguments_are_explained(member):
    with pytest.raises(CommandError, match="--period must be a date"):
        run_command("--period", "next monday")
    with pytest.raises(CommandError, match="Nobody on the hub"):
        run_command("--member", "nobody@example.org")


def test_the_demo_seeder_gives_varied_preferences_once(partnership):
    people = [member_of(partnership, email=f"demo{n}@example.org") for n in range(8)]
    seed(io.StringIO(), 1)
    seed(io.StringIO(), 1)
    preferences = DigestPreference.objects.filter(person__in=people)
    assert preferences.count() == 8
    assert {"weekly", "fortnightly", "monthly", "off"} <= set(
        preferences.values_list("frequency", flat=True)
    )
    assert all(p.consent_recorded_at for p in preferences)
