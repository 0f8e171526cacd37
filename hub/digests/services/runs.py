"""Runs: one per digest period or announcement, with a delivery per member; starting them,
handing their deliveries out in batches, sweeping up after lost workers, and reporting."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from hub.core import due_work
from hub.digests.models import DigestDelivery, DigestPreference, DigestRun
from hub.people import roles

from .periods import LONDON, SEND_HOUR, is_send_day, period_for

# Members per batch task (HUB_DIGEST_BATCH_SIZE). Each batch renders and sends over one SMTP
# connection, in well under a minute, far inside the broker's visibility timeout.
BATCH_SIZE = settings.HUB_DIGEST_BATCH_SIZE
# A batch task is killed after BATCH_TIME_LIMIT (its soft limit comes earlier); it stops
# sending by itself at BATCH_SEND_SECONDS and hands the rest to a new batch. So a live worker
# never holds a claim longer than STALE_AFTER, the one stale time of all due work.
BATCH_TIME_LIMIT = due_work.time_limit()
BATCH_SOFT_TIME_LIMIT = due_work.soft_time_limit()
BATCH_SEND_SECONDS = BATCH_SOFT_TIME_LIMIT - 20
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
    """Start the run for ``frequency`` sent on ``send_day``, or top up the one that exists.

    The run is shared: whoever starts it, it gets a delivery for every eligible member who has
    none yet, once (a member who became eligible later, or everyone left out when a run was
    started early or for one person). Two callers at the same moment (two beats, a beat and the
    command) get the same run: the unique key on (frequency, period_start) makes the second
    ``get_or_create`` find the first, and the run's row lock makes their top-ups take turns.
    Returns (run, created). ``only`` adds only these people now (the command's --member); the
    others are added by the next top-up (beat's, every quarter of an hour). ``queue=False``
    leaves the batches for the caller (the benchmark hands them out itself).
    """
    period = period_for(frequency, send_day)
    with transaction.atomic():
        run, created = DigestRun.objects.get_or_create(
            kind=DigestRun.Kind.DIGEST,
            frequency=frequency,
            period_start=period.start_date,
            defaults={"period_end": period.end_date},
        )
        run = DigestRun.objects.select_for_update().get(pk=run.pk)
        people = eligible_people(frequency, send_day.weekday())
        if only is not None:
            people = people.filter(pk__in=[p.pk for p in only])
        added = _add_deliveries(run, people.exclude(digest_deliveries__run=run))
        if added and run.status == DigestRun.Status.DONE:
            run.status, run.finished_at = DigestRun.Status.SENDING, None
            run.save(update_fields=["status", "finished_at"])
        if added and queue:
            transaction.on_commit(lambda: queue_batches(added))
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
            exists = DigestRun.objects.filter(
                kind=DigestRun.Kind.DIGEST, frequency=frequency, period_start=period.start_date
            ).exists()
            if not exists and not eligible_people(frequency, day.weekday()).exists():
                continue
            # An existing run is topped up with anyone eligible who is not in it yet.
            run, created = start_run(frequency, day)
            if created:
                started.append(run)
    return started


def queue_batches(delivery_ids, *, batch_size=None):
    """One batch task per ``batch_size`` deliveries."""
    from hub.digests.tasks import send_batch

    batch_size = batch_size or settings.HUB_DIGEST_BATCH_SIZE
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


def _add_deliveries(run, people):
    """One waiting delivery of ``run`` for each of ``people`` (once, however often called);
    returns the ids of the deliveries added (ones that existed already are left out)."""
    member_ids = list(people.values_list("pk", flat=True))
    if not member_ids:
        return []
    DigestDelivery.objects.bulk_create(
        [DigestDelivery(run=run, member_id=pk) for pk in member_ids],
        ignore_conflicts=True,
        batch_size=2000,
    )
    return list(
        DigestDelivery.objects.filter(run=run, member_id__in=member_ids, attempts=0)
        .filter(status=DigestDelivery.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
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
            # ...or never tried: its batch task was lost (due_at is when it was added).
            | Q(attempts=0, due_at__lt=now - STALE_AFTER)
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
        cancelled=Count("deliveries", filter=Q(deliveries__status=status.CANCELLED)),
        unknown=Count("deliveries", filter=Q(deliveries__status=status.UNKNOWN)),
        waiting=Count(
            "deliveries", filter=Q(deliveries__status__in=[status.PENDING, status.CLAIMED])
        ),
        unsubscribes=Count("deliveries", filter=Q(deliveries__unsubscribed_at__isnull=False)),
    )
