"""Exactly once with a real Celery worker on Redis (always on CI): a duplicate batch task and
a dead worker's stale claim still give each member one email."""

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

import pytest

from hub.celery import app
from hub.digests import services
from hub.digests.models import DigestDelivery, DigestRun
from hub.digests.tasks import send_batch, sweep
from hub.people.factories import member_of

from .conftest import SEND_DAY

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"
pytestmark = [
    pytest.mark.services,
    # Put back what the data migrations made (groups, home page) for the tests that follow.
    pytest.mark.django_db(transaction=True),
]

# The worker is the test settings with a file outbox, so the test can count what it sent.
WORKER = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
import django
django.setup()
from django.conf import settings
settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
settings.EMAIL_FILE_PATH = sys.argv[1]
from hub.celery import app
app.worker_main(["worker", "--pool=solo", "--loglevel=warning", "--without-gossip",
                 "--without-mingle", "-n", sys.argv[2]])
"""


def worker_database_url():
    """The URL of the database this test runs in (pytest-django's test_<name> database)."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_a_real_worker_sends_each_digest_exactly_once(partnership, newcomer, subscribe, tmp_path):
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI must have PostgreSQL and Redis")
        pytest.skip("Needs PostgreSQL and Redis (always there on CI)")
    people = [member_of(partnership, email=f"reader{n}@example.org") for n in range(3)]
    for person in people:
        subscribe(person)
    app.conf.task_always_eager = False
    app.control.purge()
    worker = None
    try:
        # Autocommit here: the run's batch goes to Redis as soon as it is created.
        run, _ = services.start_run("weekly", SEND_DAY)
        ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
        dead, sent_by_dead, fresh = ids
        # A worker died after claiming one delivery and after sending (and marking) another.
        DigestDelivery.objects.filter(pk=dead).update(
            status="claimed", claimed_at=timezone.now() - services.STALE_AFTER - timedelta(1)
        )
        DigestDelivery.objects.filter(pk=sent_by_dead).update(status="sent")
        send_batch.delay(ids)  # the same batch again, as a late-ack re-delivery would
        sweep.delay()
        env = {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": settings.REDIS_URL,
        }
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path), f"digests-{os.getpid()}@%h"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if set(run.deliveries.values_list("status", flat=True)) == {"sent"}:
                break
            time.sleep(0.5)
        time.sleep(2)  # room for any duplicate to (wrongly) go out
    finally:
        app.conf.task_always_eager = True
        if worker is not None:
            worker.terminate()
            output = worker.communicate(timeout=30)[0].decode(errors="replace")
    statuses = dict(run.deliveries.values_list("pk", "status"))
    assert statuses == {dead: "sent", sent_by_dead: "sent", fresh: "sent"}, output
    outbox = "".join(path.read_text() for path in tmp_path.iterdir())
    recipients = sorted(
        line.split(": ", 1)[1] for line in outbox.splitlines() if line.startswith("To: ")
    )
    expected = sorted(DigestDelivery.objects.get(pk=pk).member.email for pk in (dead, fresh))
    assert recipients == expected


def test_two_beats_starting_the_same_run_at_the_same_moment_make_one(member, newcomer, subscribe):
    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI must have PostgreSQL")
        pytest.skip("Needs PostgreSQL: SQLite has no concurrent writers")
    subscribe(member)
    barrier = threading.Barrier(2)
    created = []

    def beat():
        try:
            barrier.wait(timeout=10)
            created.append(services.start_run("weekly", SEND_DAY, queue=False)[1])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(created) == [False, True]
    assert DigestRun.objects.count() == 1
    assert DigestDelivery.objects.count() == 1
