"""Runs: one per digest period or announcement, with a delivery per member; starting them,
handing their deliveries out in batches, sweeping up after lost workers, and reporting."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from hub.core import due_work
from hub.digests.models import Announcement, DigestDelivery, DigestPreference, DigestRun
from hub.people import roles
from hub.people.models import Membership

from .periods import LONDON, SEND_HOUR, is_send_day, local_today, period_for

# Members per batch task. Each batch renders and sends over one SMTP connection, in well
# under a minute, far inside the broker's visibility timeout.
BATCH_SIZE = 500
# A claim older than this belongs to a dead worker (batch tasks are killed after
# BATCH_TIME_LIMIT, so a live worker never holds a claim this long): the one stale time of
# all due work, HUB_DUE_WORK_STALE_AFTER.
BATCH_TIME_LIMIT = 5 * 60
STALE_AFTER = due_work.stale_after()


def eligible_people(frequency=None, day_of_week=None):
    """Members who get email: signed up, approved, with a frequency other than off."""
    people = (
        roles.members()
        .filter(digest_preference__isnull=False)
        .exclude(digest_preference__frequency=DigestPreference.Frequency.OFF)
    )
    if frequency is not None:
        people = people.filter(digest_preference__frequency=frequency)
    if day_of_week is not None:
        people = people.filter(digest_preference__day_of_week=day_of_week)
    return people


def start_run(frequency, send_day, *, only=None, queue=True):
    """Create the run for ``frequency`` sent on ``send_day`` and its deliveries, once.

    Two callers at the same moment (two beats, a beat and the command) get the same run: the
    unique key on (frequency, period_start) makes the second ``get_or_create`` find the first.
    Returns (run, created). ``only`` limits a new run to these people (the command's --member);
    ``queue=False`` leaves the batches for the caller (the benchmark hands them out itself).
    """
    period = period_for(frequency, send_day)
    with transaction.atomic():
        run, created = DigestRun.objects.get_or_create(
            kind=DigestRun.Kind.DIGEST,
            frequency=frequency,
            period_start=period.start_date,
            defaults={"period_end": period.end_date},
        )
        if created:
            people = eligible_people(frequency, send_day.weekday())
            if only is not None:
                people = people.filter(pk__in=[p.pk for p in only])
            _add_deliveries(run, people)
            if queue:
                transaction.on_commit(lambda: fan_out(run.pk))
    return run, created


def start_due_runs(now=None):
    """Start every run due by ``now`` (beat calls this every quarter of an hour). Idempotent.

    Today's runs start from SEND_HOUR local time; yesterday's are started too, in case beat was
    down over the send hour. Runs with nobody to send to are not created.
    """
    now = now or timezone.now()
    local_now = timezone.localtime(now, LONDON)
    days = [local_now.date() - timedelta(days=1)]
    if local_now.hour >= SEND_HOUR:
        days.append(local_now.date())
    started = []
    for day in days:
        for frequency in (
            DigestPreference.Frequency.WEEKLY,
            DigestPreference.Frequency.FORTNIGHTLY,
            DigestPreference.Frequency.MONTHLY,
        ):
            if not is_send_day(frequency, day):
                continue
            period = period_for(frequency, day)
            if DigestRun.objects.filter(
                kind=DigestRun.Kind.DIGEST, frequency=frequency, period_start=period.start_date
            ).exists():
                continue
            if not eligible_people(frequency, day.weekday()).exists():
                continue
            run, created = start_run(frequency, day)
            if created:
                started.append(run)
    return started


def queue_batches(delivery_ids, *, batch_size=None):
    """One batch task per ``batch_size`` deliveries."""
    from hub.digests.tasks import send_batch

    batch_size = batch_size or BATCH_SIZE
    delivery_ids = list(delivery_ids)
    for i in range(0, len(delivery_ids), batch_size):
        send_batch.delay(delivery_ids[i : i + batch_size])
    return len(delivery_ids)


def fan_out(run_id, *, batch_size=None):
    """Queue the batches of a new run: every delivery still waiting."""
    ids = (
        DigestDelivery.objects.filter(run_id=run_id, status=DigestDelivery.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return queue_batches(ids, batch_size=batch_size)


@transaction.atomic
def create_announcement(*, sender, subject, body, partnerships=()):
    """Create an announcement and its deliveries; the batches go out after commit."""
    today = local_today()
    run = DigestRun.objects.create(
        kind=DigestRun.Kind.ANNOUNCEMENT, period_start=today, period_end=today
    )
    announcement = Announcement.objects.create(
        subject=subject, body=body, created_by=sender, run=run
    )
    people = eligible_people()
    if partnerships:
        announcement.partnerships.set(partnerships)
        people = people.filter(
            pk__in=Membership.objects.filter(partnership__in=partnerships).values("person_id")
        )
    _add_deliveries(run, people)
    transaction.on_commit(lambda: fan_out(run.pk))
    return announcement


def _add_deliveries(run, people):
    """One waiting delivery of ``run`` for each of ``people`` (once, however often called)."""
    DigestDelivery.objects.bulk_create(
        [DigestDelivery(run=run, member_id=pk) for pk in people.values_list("pk", flat=True)],
        ignore_conflicts=True,
        batch_size=2000,
    )


def sweep(now=None):
    """Re-offer stale claims (a dead worker's) and failed sends whose wait is over; finish runs.

    A delivery marked sent is never touched again, so nothing already sent goes twice.
    Deliveries whose batch task never ran (a lost broker message) are re-offered too.
    """
    now = now or timezone.now()
    pending = DigestDelivery.Status.PENDING
    claimed = DigestDelivery.objects.filter(status=DigestDelivery.Status.CLAIMED)
    released = list(claimed.stale(now).values_list("pk", flat=True))
    claimed.filter(pk__in=released).sweep_stale(now, status=pending, due_at=now)
    open_runs = DigestRun.objects.filter(status=DigestRun.Status.SENDING)
    due = (
        DigestDelivery.objects.filter(run__in=open_runs, status=pending)
        .filter(
            # Released just now, or tried before and its wait is over...
            Q(pk__in=released)
            | Q(attempts__gt=0, due_at__lte=now)
            # ...or never tried: its batch task was lost.
            | Q(attempts=0, run__created_at__lt=now - STALE_AFTER)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    requeued = queue_batches(due)
    finished = open_runs.exclude(
        deliveries__status__in=[pending, DigestDelivery.Status.CLAIMED]
    ).update(status=DigestRun.Status.DONE, finished_at=now)
    return {"requeued": requeued, "finished": finished}


def run_report(runs):
    """Runs annotated with their counts per status and unsubscribes, in one query."""
    status = DigestDelivery.Status
    return runs.annotate(
        sent=Count("deliveries", filter=Q(deliveries__status=status.SENT)),
        skipped=Count("deliveries", filter=Q(deliveries__status=status.SKIPPED)),
        failed=Count("deliveries", filter=Q(deliveries__status=status.FAILED)),
        waiting=Count(
            "deliveries", filter=Q(deliveries__status__in=[status.PENDING, status.CLAIMED])
        ),
        unsubscribes=Count("deliveries", filter=Q(deliveries__unsubscribed_at__isnull=False)),
    )
