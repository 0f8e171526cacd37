"""Latency percentiles, query counts and HTML size for the hub's key pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench_pages \
        .venv/bin/python benchmarks/pages.py --scale 1 --requests 50

Migrates the database named by DATABASE_URL (default: var/bench.sqlite3), fills it with
``seed_demo --scale N``, then requests each page as a visitor and as a member through
Django's test client and prints p50/p95/p99 latency, the queries each page ran and the size
of its HTML. Detail pages (a briefing, an event, a resource, a question, a theme, a set
space, a profile) are the first of their kind in the data. Run it at --scale 1 and --scale 10: the
query counts should not grow with the data. ``--json FILE`` also writes the rows.
"""

import argparse
import json
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
# Through the views every time: the anonymous page cache is measured by throughput.py.
os.environ["HUB_PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # as in production: no template debug, no query log
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hub.people.models import User  # noqa: E402

MEMBER = "member@example.org"
SET_MEMBER = "member6@example.org"


def detail_paths():
    """(label, path, who) for the first detail page of each kind in the data."""
    from briefings.models import BriefingPage
    from events.models import EventPage
    from hub.library.models import Resource
    from hub.questions.models import Question
    from hub.themes.models import Theme
    from learning_sets.models import LearningSet

    pages = []
    briefing = BriefingPage.objects.live().public().order_by("pk").first()
    if briefing:
        pages += [("briefing", briefing.url, None), ("briefing", briefing.url, MEMBER)]
    event = EventPage.objects.live().public().filter(audience="public").order_by("pk").first()
    if event:
        pages += [("event", event.url, None), ("event", event.url, MEMBER)]
    member = User.objects.get(email=MEMBER)
    resource = Resource.objects.visible_to(member).order_by("pk").first()
    if resource:
        pages += [("resource", resource.get_absolute_url(), MEMBER)]
    question = Question.objects.visible_to(member).order_by("pk").first()
    if question:
        pages += [("question", question.get_absolute_url(), MEMBER)]
    theme = Theme.objects.order_by("pk").first()
    if theme:
        pages += [
            ("theme", theme.get_absolute_url(), None),
            ("theme", theme.get_absolute_url(), MEMBER),
        ]
    set_member = User.objects.filter(email=SET_MEMBER).first()
    learning_set = (
        LearningSet.objects.filter(memberships__person=set_member).order_by("pk").first()
        if set_member
        else None
    )
    if learning_set:
        pages += [("set space", f"{learning_set.get_absolute_url()}space/", SET_MEMBER)]
    person = User.objects.visible_to(member).exclude(pk=member.pk).order_by("pk").first()
    if person:
        pages += [("profile", person.get_absolute_url(), MEMBER)]
    return pages


LISTINGS = [
    ("home", "/", None),
    ("home", "/", MEMBER),
    ("sign in", "/accounts/login/", None),
    # Issue 12: the signed-in home is My hub ("/" for a member), the bell's list, the people
    # directory (and filtered by theme), a partnership's public page and its space.
    ("my hub", "/my-hub/", MEMBER),
    ("notifications", "/notifications/", MEMBER),
    ("directory", "/people/", MEMBER),
    ("directory theme", "/people/?theme=co-production-with-parents", MEMBER),
    ("partnership page", "/partnerships/harbourside-families-together/", None),
    ("partnership page", "/partnerships/harbourside-families-together/", MEMBER),
    ("partnerships", "/partnerships/", MEMBER),
    (
        "own partnership members",
        "/partnerships/harbourside-families-together/members/",
        MEMBER,
    ),
    (
        "partnership space",
        "/partnerships/harbourside-families-together/space/",
        MEMBER,
    ),
    ("themes", "/themes/", None),
    ("briefings index", "/briefings/", None),
    ("briefings index", "/briefings/", MEMBER),
    ("events index", "/events/", None),
    ("events index", "/events/", MEMBER),
    ("library", "/library/", None),
    ("library", "/library/", MEMBER),
    ("library search", "/library/?q=parents", MEMBER),
    ("questions", "/questions/", MEMBER),
    ("search", "/search/?q=parents", None),
    ("search", "/search/?q=parents", MEMBER),
]


def as_gunicorn_workers_collect():
    """Collect garbage as the hub's web workers do (gunicorn.conf.py): what the app made at
    start-up is frozen out of the collector's sight and young collections run less often.
    Without this a full collection walks Django's and Wagtail's long-lived objects inside
    a timed request, which production never does; ``--plain-gc`` measures that way too."""
    import gc
    import importlib.util

    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*conf.GC_THRESHOLD)


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def measure(label, path, who, requests):
    client = Client()
    if who:
        client.force_login(User.objects.get(email=who))
    client.get(path)  # warm caches, as a returning visitor would find them
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    row = {
        "page": label,
        "who": "member" if who else "visitor",
        "path": path,
        "status": response.status_code,
        "queries": len(queries),
        "kb": round(len(response.content) / 1024, 1),
    }
    if response.status_code == 404:
        return row
    timings = []
    for _ in range(requests):
        reset_queries()
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    row.update(
        p50=round(statistics.median(timings), 1),
        p95=round(percentile(timings, 95), 1),
        p99=round(percentile(timings, 99), 1),
    )
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--json", help="Also write the rows to this file.")
    parser.add_argument(
        "--plain-gc",
        action="store_true",
        help="Leave the garbage collector as Python starts it, not as gunicorn.conf.py runs it.",
    )
    args = parser.parse_args()

    (ROOT / "var").mkdir(exist_ok=True)
    settings.ALLOWED_HOSTS = ["*"]
    if connection.vendor == "postgresql":
        from benchmarks.database import ensure_database

        ensure_database()
    if not args.skip_seed:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", scale=args.scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
        if connection.vendor == "postgresql":
            # Fresh tables have no statistics until autovacuum gets to them (never, where it
            # is off): measure the plans production would use, not the planner's guesses.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    if not args.plain_gc:
        as_gunicorn_workers_collect()
    gc_note = "plain" if args.plain_gc else "as gunicorn's workers"
    print(
        f"database: {connection.vendor}, scale {args.scale}, {args.requests} requests a page, "
        f"garbage collection {gc_note}"
    )
    print(
        f"{'page':18} {'who':8} {'status':>6} {'queries':>7} {'KB':>6} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    rows = []
    for label, path, who in LISTINGS + detail_paths():
        row = measure(label, path, who, args.requests)
        rows.append(row)
        if "p50" not in row:
            print(f"{label:18} {row['who']:8} {row['status']:>6}  (not built yet)")
            continue
        print(
            f"{label:18} {row['who']:8} {row['status']:>6} {row['queries']:>7} {row['kb']:>6} "
            f"{row['p50']:>8} {row['p95']:>8} {row['p99']:>8}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps({"scale": args.scale, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
