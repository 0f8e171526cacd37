"""Resident memory of a web process and of a worker process, after real work.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_bench_pages1 \
        .venv/bin/python benchmarks/memory.py

Each is its own fresh Python process on the demo data the key pages step seeded (run_all.py
runs that first):

- web: the hub's WSGI application (as gunicorn loads it) answering the key pages, signed out
  and as the demo member, ``--requests`` times each;
- worker: the Celery app with every task module imported (as ``celery worker`` loads it),
  then this week's digest run (up to 2,000 of it) sent in batches to Django's in-memory
  mail backend.

Prints each process's resident memory (VmRSS) and its peak (VmHWM), in MB, from /proc.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["/", "/briefings/", "/events/", "/library/", "/search/?q=families", "/questions/"]


def _status_mb():
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return found


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    os.environ["HUB_BENCHMARK"] = "1"  # no N+1 detector: as production runs
    os.environ.setdefault("HUB_BASE_URL", "https://hub.example.org")
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CI", None)


def web(requests):
    _setup()
    import importlib

    importlib.import_module("hub.wsgi")  # what gunicorn loads (it sets Django up)
    from django.conf import settings
    from django.test import Client

    from hub.people import roles

    settings.ALLOWED_HOSTS = ["*"]
    member = roles.members().filter(is_superuser=False).order_by("pk").first()
    for signed_in in (False, True):
        client = Client()
        if signed_in and member is not None:
            client.force_login(member)
        for _ in range(requests):
            for url in PAGES:
                client.get(url)
    return _status_mb()


def worker():
    _setup()
    import django

    django.setup()
    from django.conf import settings

    from hub.celery import app

    app.loader.import_default_modules()  # every tasks module, as a worker does
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.utils import timezone

    from hub.digests import services

    run, _ = services.start_run("weekly", timezone.localdate(), queue=False)
    ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True)[:2000])
    for start in range(0, len(ids), 200):
        services.send_batch(ids[start : start + 200])
    return _status_mb()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--only", choices=["web", "worker"])
    options = parser.parse_args()
    if options.only:
        found = web(options.requests) if options.only == "web" else worker()
        print(f"{options.only}: {found['VmRSS']:.0f} MB resident, peak {found['VmHWM']:.0f} MB")
        return
    for kind in ("web", "worker"):
        done = subprocess.run(  # noqa: S603 - this script, in a fresh process
            [sys.executable, __file__, "--only", kind, "--requests", str(options.requests)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith(kind)]
        print(lines[-1] if lines else f"{kind}: failed\n{done.stderr[-1500:]}")


if __name__ == "__main__":
    main()
