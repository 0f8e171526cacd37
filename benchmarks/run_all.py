"""Every benchmark in one go, written to benchmarks/RESULTS.md (``make bench``).

    .venv/bin/python benchmarks/run_all.py            # everything (about 15-25 minutes)
    .venv/bin/python benchmarks/run_all.py --quick    # smaller digests and library, 1 round

Runs, on PostgreSQL and Redis (127.0.0.1, databases of their own):
key pages at 1x and 10x (benchmarks/pages.py: queries, HTML size, p50/p95/p99, visitor and
member, listings and detail pages, library search, a set space); anonymous throughput under
gunicorn beside Django's hello-world, with and without the page cache and the GC tuning
(benchmarks/throughput.py, interleaved rounds, medians); the registration race (the 100 for
20 places test); digests (benchmarks/digests.py), library search (benchmarks/library_search.py)
the insights page at 1x and 10x (benchmarks/insights.py); the question page's size with
10,000 members (benchmarks/mention_page_size.py); and the resident memory of a web and a
worker process after real work (benchmarks/memory.py).
Each step's output goes into RESULTS.md as it printed it, under the date, commit, machine and
load average. ``--baseline FILE`` adds a "before" section (the same run on an earlier commit).
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PG = "postgres://postgres@127.0.0.1:5432/"


def run(title, command, env=None, timeout=1800):
    print(f"== {title}", flush=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(  # noqa: S603 - our own scripts
            command,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        output = done.stdout
        if done.returncode:
            output += f"\n(exit {done.returncode})\n" + done.stderr[-2000:]
    except subprocess.TimeoutExpired:
        output = f"(stopped after {timeout} s)"
    took = time.perf_counter() - started
    lines = [
        line
        for line in output.splitlines()
        if not line.startswith(("Page ", "Published", "Scheduled", "Task ", "Step ", "No host"))
    ]
    return f"### {title}\n\n({took:.0f} s)\n\n```\n" + "\n".join(lines).strip() + "\n```\n"


def page_table(scale):
    """benchmarks/pages.py at one scale, as a Markdown table."""
    out = ROOT / "var" / f"bench-pages-{scale}.json"
    env = {"DATABASE_URL": f"{PG}hub_bench_pages{scale}"}
    text = run(
        f"Key pages at {scale}x",
        [PY, "benchmarks/pages.py", "--scale", str(scale), "--requests", "60", "--json", str(out)],
        env,
    )
    if not out.exists():
        return text
    rows = json.loads(out.read_text())["rows"]
    table = [
        f"### Key pages at {scale}x (PostgreSQL, test client, 60 requests a page, garbage "
        "collected as gunicorn's workers do: benchmarks/pages.py --plain-gc for Python's "
        "default)\n",
        "| page | who | queries | KB | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        table.append(
            f"| {r['page']} | {r['who']} | {r['queries']} | {r['kb']} | "
            f"{r.get('p50', '')} | {r.get('p95', '')} | {r.get('p99', '')} |"
        )
    return "\n".join(table) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--baseline", help="A Markdown file with the same run on an earlier commit."
    )
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    head = [
        "# Benchmark results",
        "",
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        f"- load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        "- a shared machine: read times as ratios and medians; query counts and sizes are exact",
        "",
    ]
    sections = [page_table(1), page_table(10)]
    rounds = "1" if args.quick else "5"
    tp_env = {"DATABASE_URL": f"{PG}hub_bench_pages1"}
    tp = [PY, "benchmarks/throughput.py", "--rounds", rounds, "--seconds", "5"]
    sections.append(
        run(
            "Anonymous briefing under gunicorn: no page cache, no GC tuning",
            [*tp, "--page-cache", "0", "--gc-freeze", "0"],
            tp_env,
        )
    )
    sections.append(
        run(
            "Anonymous briefing under gunicorn: no page cache, GC frozen",
            [*tp, "--page-cache", "0", "--gc-freeze", "1"],
            tp_env,
        )
    )
    sections.append(run("Anonymous briefing under gunicorn: page cache and GC frozen", tp, tp_env))
    sections.append(
        run(
            "Registration race (100 people, 20 places)",
            [
                PY,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/events/test_registration.py::test_one_hundred_concurrent_registrations_for_twenty_places",
            ],
            {
                "CI": "true",
                "DATABASE_URL": f"{PG}hub_bench_race",
                "HUB_TEST_REDIS_CACHE_DB": "12",
                "HUB_TEST_REDIS_BROKER_DB": "13",
            },
        )
    )
    members = "2000" if args.quick else "10000"
    sections.append(
        run(
            f"Digests to {members} members (2 worker processes)",
            [PY, "benchmarks/digests.py", "--members", members],
        )
    )
    resources = "5000" if args.quick else "50000"
    sections.append(
        run(
            f"Library search over {resources} resources",
            [PY, "benchmarks/library_search.py", "--resources", resources, "--searches", "100"],
        )
    )
    for scale in (1, 10):
        sections.append(
            run(
                f"Insights page at {scale}x (the demo seeded by the key pages step)",
                [PY, "benchmarks/insights.py", "--skip-seed", "--scale", str(scale)],
                {"DATABASE_URL": f"{PG}hub_bench_pages{scale}"},
            )
        )
    sections.append(
        run(
            "Question page and mention endpoint with 10,000 members",
            [PY, "benchmarks/mention_page_size.py", "--members", "2000" if args.quick else "10000"],
            {"DATABASE_URL": f"{PG}hub_bench_library"},
        )
    )
    sections.append(
        run(
            "Memory of a web and a worker process (the demo seeded by the key pages step)",
            [PY, "benchmarks/memory.py", "--requests", "5" if args.quick else "20"],
            {"DATABASE_URL": f"{PG}hub_bench_pages1"},
        )
    )
    body = "\n".join(head) + "\n## Now\n\n" + "\n".join(sections)
    if args.baseline:
        body += "\n## Before (the same benchmarks on the earlier commit)\n\n"
        body += Path(args.baseline).read_text()
    results = ROOT / "benchmarks" / "RESULTS.md"
    body += "\n" + earlier_runs(results.read_text() if results.exists() else "")
    results.write_text(body)
    print("Wrote benchmarks/RESULTS.md")


HISTORY = "## Earlier runs: before and after each fix"


def earlier_runs(previous):
    """The history kept below a new run: the last run's "Now" (its date and commit first),
    then the earlier runs it kept, so before-and-after figures are never overwritten."""
    if not previous.strip():
        return ""
    now, _, kept = previous.partition(HISTORY)
    last = now.replace("# Benchmark results", "", 1).replace("## Now", "", 1).strip()
    demoted = "\n".join("#" + line if line.startswith("##") else line for line in last.splitlines())
    kept = kept.split("\n", 1)[1].strip() if kept else ""
    return f"{HISTORY}\n\n### The run before this one\n\n{demoted}\n\n{kept}\n"


if __name__ == "__main__":
    main()
