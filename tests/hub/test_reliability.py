"""The hub keeps serving when Redis is down: the cache degrades to a miss, and /healthz/ says
which dependency is down while the site answers."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.core import mail
from django.core.cache import cache
from django.test import override_settings

import pytest

from briefings.factories import create_briefing
from briefings.models import Audience
from events.factories import EventPageFactory
from hub.core.models import OutgoingEmail
from hub.people.factories import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

# Nothing listens on port 1: every connection is refused, as when Redis has stopped.
DEAD_REDIS = "redis://127.0.0.1:1/0"
REDIS_DOWN = {
    "default": {
        "BACKEND": "hub.core.cache.ResilientRedisCache",
        "LOCATION": DEAD_REDIS,
        "KEY_PREFIX": "hub-test",
    }
}


def test_settings_use_the_cache_that_survives_redis_going_down():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "hub.settings.base",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "hub.core.cache.ResilientRedisCache", result.stderr


@override_settings(CACHES=REDIS_DOWN)
def test_the_cache_answers_as_an_empty_one_and_says_so_once(caplog):
    with caplog.at_level(logging.WARNING, logger="hub.core.cache"):
        assert cache.get("anything", "fallback") == "fallback"
        cache.set("anything", "stored")
        assert cache.get("anything") is None
        assert cache.add("lock", True) is True  # a lock or a used-code mark still succeeds
        assert cache.get_many(["a", "b"]) == {}
        assert cache.get_or_set("made", lambda: "fresh") == "fresh"
        with pytest.raises(ValueError):
            cache.incr("counter")
        cache.delete("anything")
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_visitors_still_read_the_hub(client):
    briefing = create_briefing(title="Listening to parents first", audience=Audience.PUBLIC)
    event = EventPageFactory(title="Huddle on story gathering", audience="public")

    home = client.get("/")
    assert home.status_code == 200 and b"Welcome to the hub" in home.content
    page = client.get(briefing.url)
    assert page.status_code == 200 and b"Listening to parents first" in page.content
    listing = client.get("/briefings/")
    assert b"Listening to parents first" in listing.content
    feed = client.get("/briefings/feed/rss/")
    assert feed.status_code == 200 and b"Listening to parents first" in feed.content
    event_page = client.get(event.url)
    assert event_page.status_code == 200 and b"Huddle on story gathering" in event_page.content
    ics = client.get(f"/events/{event.pk}/event.ics")
    assert ics.status_code == 200 and b"Huddle on story gathering" in ics.content


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_a_member_signs_in_and_registers(
    client, member, django_capture_on_commit_callbacks
):
    event = EventPageFactory(title="Huddle on co-production", capacity=5)

    signed_in = client.post(
        "/accounts/login/", {"login": member.email, "password": DEMO_PASSWORD}, follow=True
    )
    assert signed_in.status_code == 200
    assert int(client.session["_auth_user_id"]) == member.pk
    assert b"Sign out" in signed_in.content or b"sign out" in signed_in.content.lower()

    with django_capture_on_commit_callbacks(execute=True):
        registered = client.post(f"/events/{event.pk}/register/", follow=True)
    assert registered.status_code == 200
    assert b"You are registered" in registered.content
    (confirmation,) = mail.outbox
    assert confirmation.to == [member.email] and "You are registered" in confirmation.subject
    assert OutgoingEmail.objects.get().sent_at is not None


# --- /healthz/ ----------------------------------------------------------------------------


def test_healthz_reports_each_dependency(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert report["checks"]["database"]["status"] == "ok"
    assert report["checks"]["cache"]["status"] == "ok"
    # Tests run tasks in-process (no broker) unless CI gives them Redis.
    assert report["checks"]["broker"]["status"] in {"ok", "not used"}


@override_settings(CACHES=REDIS_DOWN, CELERY_BROKER_URL=DEAD_REDIS)
def test_healthz_with_redis_down_says_which_and_still_answers_200(client, settings):
    from hub.celery import app

    # What a worker and web process see with REDIS_URL set and Redis stopped.
    before = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = DEAD_REDIS, False
    try:
        response = client.get("/healthz/")
    finally:
        app.conf.broker_url, app.conf.task_always_eager = before
    assert response.status_code == 200, "the site can serve: the database answers"
    report = json.loads(response.content)
    assert report["status"] == "degraded"
    assert report["checks"]["database"]["status"] == "ok"
    assert report["checks"]["cache"]["status"] == "down"
    assert report["checks"]["broker"]["status"] == "down"
    assert "127.0.0.1:1" not in response.content.decode(), "no addresses for the world to see"


def test_healthz_without_the_database_answers_503(client, monkeypatch):
    from django.db import connection
    from django.db.utils import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "down"
    assert response.json()["status"] == "down"
