"""The insights page at 1x and 10x the demo data: queries and p50/p95 latency.

    .venv/bin/python benchmarks/insights.py --scale 10 --requests 30
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench_pages .venv/bin/python \
        benchmarks/insights.py --scale 10

Seeds the demo (``seed_demo --scale N``) unless --skip-seed, then requests /insights/ as the
demo officer through Django's test client, for the last year across all partnerships and for
the first partnership, and prints the queries each ran and its latency. The target is under
200 ms at 10x, with the same number of queries at 1x and 10x.
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

settings.DEBUG = False
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from hub.people.models import Partnership, User  # noqa: E402

OFFICER = "officer@example.org"


def measure(client, params, requests):
    client.get("/insights/", params)  # warm
    # Counted at the database wrapper: CaptureQueriesContext read 0 here (DEBUG is off and
    # each request resets Django's query log).
    captured = []

    def count(execute, sql, params, many, context):
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get("/insights/", params)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get("/insights/", params)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "status": response.status_code,
        "queries": len(captured),
        "p50": round(statistics.median(times), 1),
        "p95": round(times[int(len(times) * 0.95) - 1], 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument(
        "--no-cache", action="store_true", help="work the figures out on every request"
    )
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    settings.ALLOWED_HOSTS = ["*"]
    if args.no_cache:
        settings.HUB_INSIGHTS_CACHE_SECONDS = 0
    if connection.vendor == "postgresql":
        from benchmarks.database import ensure_database

        ensure_database()
    if not args.skip_seed:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", scale=args.scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    client.force_login(User.objects.get(email=OFFICER))
    today = timezone.localdate()
    year = {"start": today.replace(year=today.year - 1).isoformat(), "end": today.isoformat()}
    first = Partnership.objects.order_by("name").first()
    cached = "figures worked out each time" if args.no_cache else "figures cached per period"
    print(
        f"database: {connection.vendor}, scale {args.scale}, {args.requests} requests each, "
        f"{cached}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'insights':28} {'status':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for label, params in (
        ("last year, all partnerships", year),
        ("last year, one partnership", {**year, "partnership": first.pk}),
    ):
        row = measure(client, params, args.requests)
        print(f"{label:28} {row['status']:>6} {row['queries']:>7} {row['p50']:>8} {row['p95']:>8}")


if __name__ == "__main__":
    main()
