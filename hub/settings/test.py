"""Settings for the test suite.

On CI (``CI=true``) the database and Redis are the machine's real services: PostgreSQL and Redis
default to 127.0.0.1 and a missing one fails the run (see tests/conftest.py). Elsewhere the
defaults are a SQLite file and local memory, with tasks run eagerly.
"""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES, env, env_bool, redis_db

IN_CI = env_bool("CI", False)

# Under pytest-xdist (`-n 2`, see README) each worker process gets Redis databases and media
# folders of its own, so one worker's cache.clear() or Celery worker never meets the other's
# tests. The single-process run is worker 0.
XDIST_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)

if IN_CI:
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hub")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'test.sqlite3'}")
    )
}

REDIS_URL = os.environ.get("REDIS_URL")
# Tests use database numbers of their own so they never touch a developer's running hub
# (and two test runs side by side can be given different ones).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "hub.core.cache.ResilientRedisCache",
            "LOCATION": redis_db(
                REDIS_URL, (int(env("HUB_TEST_REDIS_CACHE_DB", "11")) - 2 * XDIST_WORKER) % 16
            ),
            "KEY_PREFIX": "hub-test",
        }
    }
    CELERY_BROKER_URL = redis_db(
        REDIS_URL, (int(env("HUB_TEST_REDIS_BROKER_DB", "10")) - 2 * XDIST_WORKER) % 16
    )
    CELERY_RESULT_BACKEND = CELERY_BROKER_URL
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = None

# Most tests want a task's effect at once; the real worker round trip is its own test.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)

SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / f"test-media-{XDIST_WORKER}"
HUB_PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / f"test-private-media-{XDIST_WORKER}"
EMAIL_FILE_PATH = str(BASE_DIR / "var" / f"test-outbox-{XDIST_WORKER}")
HUB_BASE_URL = env("HUB_BASE_URL", "http://testserver")
WAGTAILADMIN_BASE_URL = HUB_BASE_URL
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
# Tests see every change at once; tests/core/test_page_cache.py turns the page cache on.
HUB_PAGE_CACHE_SECONDS = 0

# The N+1 detector (django-zeal): patched in here, switched on only where a test asks for it
# (tests/conftest.py, assert_flat_queries), so it fails the page tests on an N+1 in a view.
# Benchmarks that borrow these settings leave it out (its wrapper is on every query).
if not env_bool("HUB_BENCHMARK", False):
    INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
ZEAL_RAISE = True
