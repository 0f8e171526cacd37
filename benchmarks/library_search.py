"""Library search over 50,000 resources on PostgreSQL: latency percentiles and query counts.

    .venv/bin/python benchmarks/library_search.py                 # 50,000 resources, 200 searches
    .venv/bin/python benchmarks/library_search.py --resources 5000 --searches 50

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
hub_bench_library), created and migrated if missing, and filled once: the demo's people and
partnerships, then resources made with bulk_create and added to Wagtail's search index in
bulk (titles and descriptions are everyday English words with one in five from a list of
the programme's topic words, so a search matches a few per cent of the library, as real ones
do). Then it requests the library page (/library/?q=...) through Django's test client, as a
visitor, a member and an officer, with a mix of plain searches, filters and sorts, and prints
p50/p95/p99 latency and the queries each search ran.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/hub_bench_library"
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
os.environ["HUB_BENCHMARK"] = "1"  # without the test suite's N+1 detector: as production runs
os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
os.environ.pop("REDIS_URL", None)
os.environ.pop("CI", None)

WORDS = [
    "parent",
    "forum",
    "toolkit",
    "evaluation",
    "family",
    "hub",
    "early",
    "help",
    "relational",
    "practice",
    "co-production",
    "consent",
    "story",
    "safeguarding",
    "online",
    "meeting",
    "council",
    "budget",
    "survey",
    "school",
    "rural",
    "village",
    "carers",
    "kinship",
    "youth",
    "housing",
    "health",
    "visitor",
    "trust",
    "language",
    "framing",
    "workshop",
    "template",
    "guide",
    "research",
    "recording",
    "champion",
    "volunteer",
    "neighbourhood",
    "outcomes",
    "measure",
    "change",
    "culture",
    "power",
    "participation",
    "listening",
    "feedback",
    "cards",
    "map",
]
QUERIES = [
    "parent forum",
    "evaluation",
    "kinship carers",
    "safeguarding online",
    "rural village",
    "relational practice",
    "budget template",
    "consent",
    "housing",
    "school feedback",
]


def _text(rng, topic_words, general_words, length):
    """Library-like text: mostly everyday words, a few topic words (as real descriptions)."""
    words = rng.choices(general_words, k=length - length // 5)
    words += rng.choices(topic_words, k=length // 5)
    rng.shuffle(words)
    return " ".join(words)


def fill(total, stdout=print):
    """Resources up to ``total`` (bulk created and bulk indexed). Idempotent."""
    from django.db import connection

    from wagtail.search.backends import get_search_backend

    from faker.providers.lorem.en_US import Provider as EnglishWords

    from hub.core.demo import seed as seed_foundation
    from hub.library.models import Resource, Visibility
    from hub.people.models import Membership, Partnership
    from hub.themes.models import Theme

    if not Partnership.objects.exists():
        seed_foundation(open(os.devnull, "w"), 1)  # noqa: SIM115 - silence the seeder
    have = Resource.objects.count()
    if have >= total:
        return
    stdout(f"Creating {total - have} resources…")
    rng = random.Random(have)  # noqa: S311 - test data, not security
    members = list(Membership.objects.select_related("partnership"))
    themes = list(Theme.objects.all())
    visibilities = [Visibility.PUBLIC, Visibility.PROGRAMME, Visibility.PARTNERSHIP]
    types = Resource.Type.values
    types.remove(Resource.Type.STORY)  # stories need consent records; not what is measured
    backend = get_search_backend()
    started = time.perf_counter()
    for start in range(have, total, 2000):
        batch = []
        for n in range(start, min(start + 2000, total)):
            membership = members[n % len(members)]
            batch.append(
                Resource(
                    kind=Resource.Kind.LINK,
                    resource_type=types[n % len(types)],
                    title=_text(rng, WORDS, EnglishWords.word_list, 6).capitalize(),
                    description=_text(rng, WORDS, EnglishWords.word_list, 45) + ".",
                    url=f"https://example.org/r/{n}",
                    partnership=membership.partnership,
                    shared_by=membership.person,
                    visibility=visibilities[n % 3],
                    useful_count=n % 17,
                    note_count=n % 5,
                )
            )
        made = Resource.objects.bulk_create(batch)
        Resource.themes.through.objects.bulk_create(
            [
                Resource.themes.through(resource_id=r.pk, theme_id=themes[(r.pk + k) % 12].pk)
                for r in made
                for k in (0, 5)
            ]
        )
        # Prefetch the themes: the indexer reads them for every resource.
        backend.add_bulk(
            Resource,
            Resource.objects.filter(pk__in=[r.pk for r in made]).prefetch_related("themes"),
        )
        stdout(f"  {start + len(made)} resources ({time.perf_counter() - started:.0f} s)")
    # Fresh statistics, as autovacuum would gather in time, so the planner sees the data.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run(searches):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hub.library.models import Resource
    from hub.people.models import User
    from hub.themes.models import Theme

    viewers = {
        "visitor": None,
        "member": User.objects.get(email="member@example.org"),
        "officer": User.objects.get(email="officer2@example.org"),
    }
    theme_slugs = list(Theme.objects.values_list("slug", flat=True))
    rng = random.Random(42)  # noqa: S311 - test data
    timings, queries, counts = [], [], []
    clients = {}
    for name, user in viewers.items():
        clients[name] = Client()
        if user is not None:
            clients[name].force_login(user)
    for n in range(searches):
        name = list(viewers)[n % 3]
        params = {"q": QUERIES[n % len(QUERIES)]}
        if n % 4 == 1:
            params["type"] = Resource.Type.values[n % 6]
        if n % 4 == 2:
            params["theme"] = rng.choice(theme_slugs)
        if n % 5 == 3:
            params["sort"] = "useful"
        if n % 7 == 4:
            params["page"] = 3
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = clients[name].get("/library/", params)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        timings.append(elapsed * 1000)
        queries.append(len(ctx))
        counts.append(response.context["page_obj"].paginator.count)
    return timings, queries, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=50_000)
    parser.add_argument("--searches", type=int, default=200)
    args = parser.parse_args()

    from benchmarks.database import ensure_database

    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("This benchmark measures PostgreSQL full-text search: set DATABASE_URL.")
    settings.DEBUG = False
    from django.test.utils import setup_test_environment

    setup_test_environment()  # so responses carry their template context
    call_command("migrate", verbosity=0)
    fill(args.resources)

    from hub.library.models import Resource

    total = Resource.objects.count()
    client_warmup = run(6)  # warm connections, caches and query plans
    del client_warmup
    timings, queries, counts = run(args.searches)
    print(f"\nLibrary search: {args.searches} searches over {total:,} resources (PostgreSQL)")
    print(
        f"  latency ms   p50 {percentile(timings, 50):.1f}   p95 {percentile(timings, 95):.1f}"
        f"   p99 {percentile(timings, 99):.1f}   max {max(timings):.1f}"
    )
    print(
        f"  queries      min {min(queries)}   median {statistics.median(queries):.0f}"
        f"   max {max(queries)}"
    )
    print(f"  matches      median {statistics.median(counts):.0f} per search")


if __name__ == "__main__":
    main()
