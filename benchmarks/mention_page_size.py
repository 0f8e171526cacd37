"""The size of a question page (its mention picker) with 10,000 members, on PostgreSQL.

    .venv/bin/python benchmarks/mention_page_size.py            # 10,000 members

Uses the library benchmark's database (DATABASE_URL, default hub_bench_library), adds
members with bulk_create until there are ``--members``, asks one question and prints the
bytes of its page for a member, and of one answer from the mention endpoint.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
os.environ["HUB_BENCHMARK"] = "1"  # without the test suite's N+1 detector: as production runs
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hub_bench_library")
os.environ.pop("REDIS_URL", None)
os.environ.pop("CI", None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    args = parser.parse_args()
    from benchmarks.database import ensure_database

    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from hub.people.models import User
    from hub.questions import services
    from hub.questions.models import Question

    call_command("migrate", verbosity=0)
    have = User.objects.count()
    if have < args.members:
        User.objects.bulk_create(
            [
                User(
                    email=f"bench{n}@example.org",
                    display_name=f"Bench Member {n}",
                    is_approved=True,
                    password="!",  # noqa: S106 - no password: cannot sign in
                )
                for n in range(have, args.members)
            ]
        )
    member = User.objects.filter(is_approved=True, is_active=True).first()
    question = Question.objects.first() or services.ask_question(
        author=member, title="How do you pay parents for their time?", body="Vouchers?"
    )
    client = Client()
    client.force_login(member)
    page = client.get(question.get_absolute_url())
    people = client.get("/questions/people/", {"q": "bench member 1"})
    print(f"{User.objects.count():,} people")
    print(f"question page: {len(page.content):,} bytes (status {page.status_code})")
    print(f"mention endpoint: {len(people.content):,} bytes (status {people.status_code})")


if __name__ == "__main__":
    main()
