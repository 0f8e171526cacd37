"""Latency percentiles and query counts for the hub's key pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench_pages \
        .venv/bin/python benchmarks/pages.py --scale 1 --requests 50

Migrates the database named by DATABASE_URL (default: var/bench.sqlite3), fills it with
``seed_demo --scale N``, then requests each page as a visitor and as a member through
Django's test client and prints p50/p95/p99 latency and the queries each page ran.
Run it at --scale 1 and --scale 10: the query counts should not grow with the data.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hub.people.models import User  # noqa: E402

# (label, path, who): who is None for a visitor, or a demo email.
PAGES = [
    ("home (visitor)", "/", None),
    ("home (member)", "/", "member@example.org"),
    ("sign in", "/accounts/login/", None),
    ("partnerships", "/partnerships/", "member@example.org"),
    (
        "own partnership members",
        "/partnerships/harbourside-families-together/members/",
        "member@example.org",
    ),
    (
        "partnership space",
        "/partnerships/harbourside-families-together/space/",
        "member@example.org",
    ),
    ("themes", "/themes/", None),
    ("briefings index", "/briefings/", "member@example.org"),
    ("events index", "/events/", "member@example.org"),
    ("library", "/library/", "member@example.org"),
    ("questions", "/questions/", "member@example.org"),
    ("search", "/search/?q=parents", "member@example.org"),
]


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--skip-seed", action="store_true")
    args = parser.parse_args()

    (ROOT / "var").mkdir(exist_ok=True)
    settings.ALLOWED_HOSTS = ["*"]
    if not args.skip_seed:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", scale=args.scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"database: {connection.vendor}, scale {args.scale}, {args.requests} requests a page")
    print(f"{'page':32} {'status':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for label, path, who in PAGES:
        client = Client()
        if who:
            client.force_login(User.objects.get(email=who))
        client.get(path)  # warm caches, as a returning visitor would find them
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code == 404:
            print(f"{label:32} {'404':>6}  (not built yet)")
            continue
        timings = []
        for _ in range(args.requests):
            reset_queries()
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"{label:32} {response.status_code:>6} {len(queries):>7} "
            f"{statistics.median(timings):>8.1f} {percentile(timings, 95):>8.1f} "
            f"{percentile(timings, 99):>8.1f}"
        )


if __name__ == "__main__":
    main()
