"""One commit's key pages against another's, in turns, so a noisy machine's drift cancels.

    git worktree add /tmp/hub-before <earlier commit>
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench_pages10 \
        .venv/bin/python benchmarks/interleaved.py /tmp/hub-before

Uses a database already filled by ``benchmarks/pages.py`` (both commits must read its
schema). Each round starts a fresh process for the earlier tree and then one for this one;
each signs in the benchmark's member, warms the pages, collects garbage as gunicorn's
workers do, and times 40 requests a page. Prints each page's median p50 and p95 over the
rounds and the median of the rounds' after/before ratios (pairing keeps a ratio meaningful
when the machine's speed drifts, which absolute milliseconds on a shared host do not).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "/my-hub/",
    "/search/?q=parents",
    "/briefings/parents-at-the-table-not-on-the-agenda/",
    "/library/?q=parents",
]
MEMBER = "member@example.org"


def one_tree(root, pages, requests):
    """In a fresh process of the tree at ``root``: {page: (p50, p95)} in ms."""
    import gc
    import time

    sys.path.insert(0, str(root))
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
    os.environ["HUB_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from hub.people.models import User

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(User.objects.get(email=MEMBER))
    for page in pages:
        for _ in range(3):
            client.get(page)
    gc.collect()
    gc.freeze()
    gc.set_threshold(50000, 20, 100)  # as gunicorn.conf.py
    found = {}
    for page in pages:
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(page)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        found[page] = (timings[len(timings) // 2], timings[round(0.95 * (len(timings) - 1))])
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="A worktree of the earlier commit.")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one tree
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_tree(Path(args.one), args.pages, args.requests)))
        return
    runs = {"before": [], "after": []}
    for _ in range(args.rounds):
        for name, root in (("before", args.before), ("after", str(ROOT))):
            # The pages first: argparse takes positionals in one run.
            command = [sys.executable, __file__, "x", *args.pages, "--one", root]
            done = subprocess.run(
                [*command, "--requests", str(args.requests)],
                capture_output=True,
                text=True,
                check=True,
            )
            runs[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"{args.rounds} rounds of {args.requests} requests a page, before and after in turn")
    for page in args.pages:
        line = [f"{page:52}"]
        for index, label in ((0, "p50"), (1, "p95")):
            before = statistics.median(run[page][index] for run in runs["before"])
            after = statistics.median(run[page][index] for run in runs["after"])
            ratio = statistics.median(
                a[page][index] / b[page][index]
                for b, a in zip(runs["before"], runs["after"], strict=True)
            )
            line.append(f"{label} {before:6.1f} -> {after:6.1f} ms (ratio {ratio:.2f})")
        print("   ".join(line))


if __name__ == "__main__":
    main()
