"""The demo gives every partnership a noticeboard that reads like the real thing."""

import io

from django.core.management import call_command

import pytest

from hub.partnerships.models import Reply, Thread
from hub.people.models import Partnership

pytestmark = pytest.mark.django_db


def test_the_demo_fills_each_noticeboard_once():
    call_command("seed_demo", stdout=io.StringIO())
    partnerships = Partnership.objects.filter(active=True)
    counts = (Thread.objects.count(), Reply.objects.count())
    assert counts[0] == 4 * partnerships.count()
    for partnership in partnerships:
        threads = Thread.objects.filter(partnership=partnership)
        assert threads.filter(pinned_at__isnull=False).count() == 1
        assert threads.filter(shared_at__isnull=False).count() == 1
    assert Thread.objects.filter(title__startswith="Ground rules").exists()
    call_command("seed_demo", stdout=io.StringIO())
    assert (Thread.objects.count(), Reply.objects.count()) == counts
