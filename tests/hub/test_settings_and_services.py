"""Configuration: production checks, Celery's reliability settings, docker-compose, seed_demo."""

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest
import yaml

from hub.celery import VISIBILITY_TIMEOUT, app

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"


def test_check_deploy_is_clean_with_production_variables():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-value-0123456789",
        "ALLOWED_HOSTS": "hub.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_keeps_database_connections_and_sends_hsts():
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "hub.example.org",
    }
    env.pop("DB_CONN_MAX_AGE", None)
    script = (
        "import json; from django.conf import settings as s; db = s.DATABASES['default'];"
        "print(json.dumps([db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], s.SECURE_HSTS_SECONDS,"
        " s.SECURE_REFERRER_POLICY, s.HUB_PERMISSIONS_POLICY]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    max_age, health_checks, hsts, referrer, permissions = json.loads(result.stdout)
    assert (max_age, health_checks) == (60, True)
    assert hsts >= 60 * 60 * 24 * 365
    assert referrer == "same-origin"
    assert "camera=()" in permissions and "geolocation=()" in permissions
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["x-hub-env"]["DB_CONN_MAX_AGE"] == "60"


def test_production_refuses_to_start_without_a_secret():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env["DJANGO_SETTINGS_MODULE"] = "hub.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_london_time_and_british_english():
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"
    assert settings.USE_TZ


def test_celery_is_configured_for_reliability():
    import hub.core.tasks  # noqa: F401 - registers the core tasks even when run on its own

    conf = app.conf
    assert conf.task_serializer == "json" and conf.accept_content == ["json"]
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_acks_late is False  # opted into per idempotent task only
    assert conf.broker_transport_options["visibility_timeout"] == VISIBILITY_TIMEOUT
    # No task may outlive the visibility timeout, or Redis would hand it to a second worker.
    assert conf.task_time_limit < VISIBILITY_TIMEOUT
    for entry in conf.beat_schedule.values():
        assert entry["task"] in app.tasks or entry["task"].startswith(
            ("hub.", "briefings.", "events.", "learning_sets.")
        )
    # Idempotent tasks are the only late-acknowledged ones.
    assert app.tasks["hub.core.tasks.heartbeat"].acks_late is True
    assert app.tasks["hub.core.tasks.deliver_email"].acks_late is False


def test_a_worker_process_sets_its_start_up_objects_aside_from_the_garbage_collector():
    import gc

    from celery.signals import worker_process_init

    assert gc.get_freeze_count() == 0
    try:
        worker_process_init.send(sender=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_broker_and_cache_use_separate_redis_databases():
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set here (it always is on CI)")
    broker_db = settings.CELERY_BROKER_URL.rsplit("/", 1)[-1]
    cache_db = settings.CACHES["default"]["LOCATION"].rsplit("/", 1)[-1]
    assert broker_db != cache_db


def settings_variable_names():
    names = set()
    for path in (ROOT / "hub" / "settings").glob("*.py"):
        names |= set(re.findall(r'env(?:_bool|_list)?\("([A-Z_]+)"', path.read_text()))
    return names


def test_docker_compose_matches_the_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "db", "redis", "mailpit"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "gunicorn" in services["web"]["command"]
    for name in ("web", "worker", "db", "redis"):
        assert "healthcheck" in services[name], f"{name} has no health check"
    known = settings_variable_names() | {"DJANGO_SETTINGS_MODULE"}
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        unknown = set(env) - known
        assert not unknown, f"{name} sets variables the settings never read: {unknown}"
        assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= set(env)


def test_seed_demo_is_idempotent(db):
    from hub.people.models import Membership, Partnership, User

    call_command("seed_demo", stdout=io.StringIO())
    counts = (User.objects.count(), Partnership.objects.count(), Membership.objects.count())
    assert counts[1] == 8
    assert counts[0] >= 44  # 40 members, 2 officers, 2 facilitators
    call_command("seed_demo", stdout=io.StringIO())
    assert (User.objects.count(), Partnership.objects.count(), Membership.objects.count()) == counts


@pytest.mark.services
def test_a_real_celery_worker_runs_a_task_on_redis():
    """Start a worker against Redis, send it a task, and see the result come back."""
    if not settings.REDIS_URL:
        if IN_CI:
            pytest.fail("CI must have Redis")
        pytest.skip("No REDIS_URL: the Celery round trip needs Redis (it always runs on CI)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "REDIS_URL": settings.REDIS_URL,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hub",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    from celery.result import allow_join_result

    from hub.core.tasks import ping

    app.conf.task_always_eager = False
    try:
        result = ping.delay("hello")
        # Eager tasks run in threads by earlier tests (concurrent registrations) can leave
        # Celery's process-wide "inside a task" flag set; this test is not inside one.
        with allow_join_result():
            assert result.get(timeout=60) == {"pong": "hello"}
        deadline = time.monotonic() + 30
        answered = []
        while not answered and time.monotonic() < deadline:
            answered = app.control.ping(timeout=2)
        assert answered, "the worker did not answer the liveness ping"
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        worker.wait(timeout=30)
