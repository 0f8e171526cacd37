"""10,000 members' digests rendered and sent to a local SMTP server, on PostgreSQL.

    .venv/bin/python benchmarks/digests.py            # 10,000 members, 2 worker processes
    .venv/bin/python benchmarks/digests.py --members 1000 --workers 1

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
hub_bench_digests), created and migrated if missing, and filled once with members (bulk
created) and a realistic week of content. Then it starts a weekly run exactly as beat would
and sends every batch (the same ``send_batch`` the Celery task calls) to an aiosmtpd server
on 127.0.0.1, one SMTP connection per batch, in ``--workers`` processes, like Celery workers.
It prints the total time, emails per second and the queries each batch ran. Goal: < 60 s.
"""

import argparse
import multiprocessing
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/hub_bench_digests"
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
os.environ["HUB_BENCHMARK"] = "1"  # without the test suite's N+1 detector: as production runs
os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
os.environ.setdefault("HUB_BASE_URL", "https://hub.example.org")
os.environ.pop("REDIS_URL", None)
os.environ.pop("CI", None)

LONDON = ZoneInfo("Europe/London")
SEND_DAY = date(2026, 11, 23)  # a Monday
IN_PERIOD = datetime(2026, 11, 18, 12, 0, tzinfo=LONDON)


def smtp_server(port, counter, ready, pipelining=True):
    """A local SMTP server that accepts and counts every message (its own process). It offers
    PIPELINING (RFC 2920) unless told not to, as Postfix, Exim and the big email services do;
    aiosmtpd reads commands in order, so it takes pipelined ones as they come."""
    from aiosmtpd.controller import Controller

    class Count:
        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            session.host_name = hostname
            if pipelining:
                return [*responses[:-1], "250-PIPELINING", responses[-1]]
            return responses

        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def setup_django(smtp_port):
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_port
    settings.EMAIL_USE_TLS = False
    if os.environ.get("BENCH_NO_SMTP"):  # to see how much of the time is the SMTP server's
        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


def fill(members, stdout=print):
    """Members (bulk created) in 8 partnerships, and a week's content. Idempotent."""
    from django.contrib.auth.hashers import make_password

    import time_machine

    from briefings.factories import create_briefing
    from events.factories import EventPageFactory
    from events.models import Registration
    from hub.core.demo import seed as seed_foundation
    from hub.digests.models import DigestPreference
    from hub.library.factories import ResourceFactory
    from hub.people.models import Membership, Partnership, User
    from hub.questions.factories import AnswerFactory, QuestionFactory
    from hub.questions.models import Follow
    from hub.themes.models import Theme

    if not Partnership.objects.exists():
        seed_foundation(open(os.devnull, "w"), 1)  # noqa: SIM115 - silence the seeder
    have = User.objects.filter(email__startswith="bench").count()
    partnerships = list(Partnership.objects.order_by("pk"))
    themes = list(Theme.objects.order_by("pk"))
    if have < members:
        stdout(f"Creating {members - have} members…")
        password = make_password("bench-only")
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench{n}@example.org",
                    display_name=f"Bench Member {n}",
                    role_in_own_words="practitioner",
                    password=password,
                )
                for n in range(have, members)
            ],
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    person=u,
                    partnership=partnerships[i % len(partnerships)],
                    role="lead" if i % 50 == 0 else "member",
                )
                for i, u in enumerate(users)
            ],
            batch_size=2000,
        )
        User.themes.through.objects.bulk_create(
            [
                User.themes.through(user_id=u.pk, theme_id=themes[i % len(themes)].pk)
                for i, u in enumerate(users)
            ],
            batch_size=2000,
        )
        DigestPreference.objects.bulk_create(
            [DigestPreference(person=u, frequency="weekly", day_of_week=0) for u in users],
            batch_size=2000,
        )
    if not QuestionFactory._meta.model.objects.filter(title__startswith="Bench").exists():
        stdout("Creating a week of content…")
        people = list(User.objects.filter(email__startswith="bench").order_by("pk")[:200])
        with time_machine.travel(IN_PERIOD, tick=False):
            for n in range(5):
                create_briefing(title=f"Bench briefing {n}", themes=[themes[n]])
            soon = IN_PERIOD + timedelta(days=7)
            events = [
                EventPageFactory(
                    title=f"Bench huddle {n}",
                    start=soon + timedelta(days=n),
                    end=soon + timedelta(days=n, hours=1),
                    themes=[themes[n % len(themes)]],
                )
                for n in range(8)
            ]
            Registration.objects.bulk_create(
                [Registration(event=events[i % 8], person=p) for i, p in enumerate(people)]
            )
            for n in range(40):
                ResourceFactory(
                    title=f"Bench guide {n}",
                    partnership=partnerships[n % len(partnerships)],
                    shared_by=people[n],
                    themes=[themes[n % len(themes)]],
                )
                question = QuestionFactory(
                    title=f"Bench question {n}?",
                    author=people[n + 40],
                    partnership=partnerships[n % len(partnerships)],
                )
                question.themes.set([themes[n % len(themes)]])
                if n % 2:
                    AnswerFactory(question=question, author=people[n + 80])
            Follow.objects.bulk_create(
                [
                    Follow(question=q, person=p)
                    for q in QuestionFactory._meta.model.objects.all()[:20]
                    for p in people[:100]
                ],
                ignore_conflicts=True,
            )


def work(args):
    """One worker process: send the batches it is given, return (sent, skipped, failed)."""
    batches, smtp_port = args
    from django.db import connection

    connection.close()  # a fresh connection per process
    from hub.digests import services

    totals = [0, 0, 0]
    for ids in batches:
        result = services.send_batch(ids)
        totals[0] += result["sent"]
        totals[1] += result["skipped"]
        totals[2] += result["failed"]
    connection.close()
    return totals


def _worker_start():
    """What a Celery worker process does when it starts (hub.celery's worker_process_init)."""
    from hub.celery import freeze_startup_objects

    freeze_startup_objects()


def _cpu_seconds():
    """User + system CPU of this process and its finished children (the worker pool)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _process_cpu(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _profiled(batches, timer=None):
    """Send ``batches`` here under cProfile; print the 30 costliest calls (own time).

    ``timer`` (time.process_time) counts this process's CPU instead of the wall clock, so
    time spent waiting for the database or the SMTP server drops out."""
    import cProfile
    import pstats

    from hub.digests import services

    totals = [0, 0, 0]
    profile = cProfile.Profile(timer) if timer else cProfile.Profile()
    profile.enable()
    for ids in batches:
        result = services.send_batch(ids)
        totals[0] += result["sent"]
        totals[1] += result["skipped"]
        totals[2] += result["failed"]
    profile.disable()
    stats = pstats.Stats(profile)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="Processes, like Celery workers.")
    parser.add_argument("--smtp-port", type=int, default=8125)
    parser.add_argument(
        "--no-pipelining",
        action="store_true",
        help="The SMTP server does not offer PIPELINING: two round trips more per email.",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="Send 2,000 emails in this one process under cProfile; print the hot spots.",
    )
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="With --profile: time the calls by this process's CPU, not the wall clock.",
    )
    options = parser.parse_args()

    from benchmarks.database import ensure_database

    ensure_database()
    counter = multiprocessing.Value("i", 0)
    ready = multiprocessing.Event()
    server = multiprocessing.Process(
        target=smtp_server,
        args=(options.smtp_port, counter, ready, not options.no_pipelining),
        daemon=True,
    )
    server.start()
    ready.wait(10)

    setup_django(options.smtp_port)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hub.digests import services
    from hub.digests.models import DigestRun

    call_command("migrate", verbosity=0)
    fill(options.members)
    DigestRun.objects.all().delete()

    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    # Start the run as beat would, but keep its batches to hand out to the worker processes.
    run, _ = services.start_run("weekly", SEND_DAY, queue=False)
    ids = list(run.deliveries.order_by("pk").values_list("pk", flat=True))
    size = services.BATCH_SIZE
    batches = [ids[i : i + size] for i in range(0, len(ids), size)]
    created = time.perf_counter() - started
    created_cpu = _cpu_seconds() - cpu_before

    # The first batch in this process, counting its queries.
    with CaptureQueriesContext(connection) as queries:
        first = services.send_batch(batches[0])
    first_cpu = _cpu_seconds() - cpu_before - created_cpu
    rest = batches[1:]
    if options.profile:
        # 2,000 emails with the first batch
        results = [_profiled(rest[:3], time.process_time if options.cpu else None)]
    else:
        connection.close()
        shares = [rest[i :: options.workers] for i in range(options.workers)]
        with multiprocessing.get_context("fork").Pool(
            options.workers, initializer=_worker_start
        ) as pool:
            results = pool.map(work, [(share, options.smtp_port) for share in shares])
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    server_cpu = _process_cpu(server.pid)

    sent = first["sent"] + sum(r[0] for r in results)
    skipped = first["skipped"] + sum(r[1] for r in results)
    failed = first["failed"] + sum(r[2] for r in results)
    time.sleep(0.5)
    marking = first["sent"]
    print(
        f"members: {len(ids)}  batches: {len(batches)} of {size}  workers: {options.workers}  "
        f"SMTP PIPELINING: {'no' if options.no_pipelining else 'yes'}"
    )
    print(f"run and deliveries created in {created:.1f} s ({created_cpu:.1f} s of CPU)")
    print(f"sent {sent}, skipped {skipped}, failed {failed}; SMTP server received {counter.value}")
    print(f"total time: {elapsed:.1f} s  ({sent / elapsed:.0f} emails/s)")
    load = os.getloadavg()[0]
    print(
        f"CPU used by the hub's processes: {cpu:.1f} s ({1000 * cpu / sent:.1f} ms per email); "
        f"by the SMTP server: {server_cpu:.1f} s; load average {load:.1f} on "
        f"{os.cpu_count()} cores (others' work on the machine slows the wall-clock figures)"
    )
    print(
        f"  of which: creating the run {created_cpu:.1f} s, the first batch (in a fresh "
        f"process) {first_cpu:.1f} s, the other batches {cpu - created_cpu - first_cpu:.1f} s "
        f"({1000 * (cpu - created_cpu - first_cpu) / max(sent - first['sent'], 1):.2f} ms per "
        "email)"
    )
    print(
        f"queries in one batch of {size}: {len(queries)} "
        f"({len(queries) - marking} reads and claims, plus {marking} marks, one per email sent)"
    )
    server.terminate()


if __name__ == "__main__":
    main()
