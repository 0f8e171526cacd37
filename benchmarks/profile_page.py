"""Where one page's time goes: cProfile over repeated requests, after the page is warm.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench_pages \
        .venv/bin/python benchmarks/profile_page.py /my-hub/ --who member@example.org

Uses a database already filled by ``benchmarks/pages.py`` (it seeds nothing). Prints the
queries the page ran with their times, then the costliest calls by own time and by
cumulative time, so a slow page's cause is read rather than guessed.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ["HUB_PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False
settings.ALLOWED_HOSTS = ["*"]
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hub.people.models import User  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--who", help="The email of the person signed in (default: a visitor).")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--lines", type=int, default=35)
    args = parser.parse_args()

    client = Client()
    if args.who:
        client.force_login(User.objects.get(email=args.who))
    client.get(args.path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(args.path)
    print(f"{args.path}: {response.status_code}, {len(response.content) / 1024:.1f} KB")
    for query in queries:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")
    timings = []
    profile = cProfile.Profile()
    for _ in range(args.requests):
        start = time.perf_counter()
        profile.enable()
        client.get(args.path)
        profile.disable()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"median {timings[len(timings) // 2]:.1f} ms under the profiler")
    stats = pstats.Stats(profile)
    stats.sort_stats("tottime").print_stats(args.lines)
    stats.sort_stats("cumulative").print_stats(args.lines)


if __name__ == "__main__":
    main()
