"""The digest's rules: periods, preferences, runs, claiming, composing and sending.

Views, tasks, the admin and the ``send_digests`` command all call these functions.
"""

import logging
import time as time_module
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import connection as db
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from hub.core import due_work
from hub.core.clock import SITE_TIME_ZONE
from hub.core.mail import build_message, render_email
from hub.digests.models import Announcement, DigestDelivery, DigestPreference, DigestRun
from hub.digests.sections import MemberContext, Period, absolute_url, providers
from hub.people import roles
from hub.people.models import Membership, User

logger = logging.getLogger(__name__)

LONDON = SITE_TIME_ZONE  # the site's zone (settings.TIME_ZONE)
UTC = ZoneInfo("UTC")
# Digests go out from this local hour on their day.
SEND_HOUR = 7
# Members per batch task. Each batch renders and sends over one SMTP connection, in well
# under a minute, far inside the broker's visibility timeout.
BATCH_SIZE = 500
# A claim older than this belongs to a dead worker (batch tasks are killed after
# BATCH_TIME_LIMIT, so a live worker never holds a claim this long): the one stale time of
# all due work, HUB_DUE_WORK_STALE_AFTER.
BATCH_TIME_LIMIT = 5 * 60
STALE_AFTER = due_work.stale_after()
MAX_ATTEMPTS = 3
UNSUBSCRIBE_SALT = "hub.digests.unsubscribe"
# Fortnightly digests go out in weeks an even number of weeks after this Monday.
FORTNIGHT_EPOCH = date(2024, 1, 1)

CONSENT_WORDING = (
    "The hub will email you a digest of what is new for you: {frequency}, on {day}s. "
    "You can change this or stop it at any time from the link in every email."
)
OFF_WORDING = "You chose not to get digest emails."


# --- Periods -------------------------------------------------------------------------------


def local_today(now=None):
    return timezone.localtime(now or timezone.now(), LONDON).date()


def local_midnight(day):
    """00:00 in London on ``day``, as a UTC instant (correct across the clocks changing).

    In UTC so that subtracting two of them gives real elapsed time: Python subtracts
    datetimes sharing one tzinfo by their wall clocks.
    """
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def _first_weekday_of_month(year, month, weekday):
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def is_send_day(frequency, day):
    """Whether a ``frequency`` digest goes out on local date ``day`` (for that weekday's people)."""
    if frequency == DigestPreference.Frequency.WEEKLY:
        return True
    if frequency == DigestPreference.Frequency.FORTNIGHTLY:
        return ((day - FORTNIGHT_EPOCH).days // 7) % 2 == 0
    if frequency == DigestPreference.Frequency.MONTHLY:
        return day.day <= 7
    return False


def period_for(frequency, send_day):
    """The period a digest sent on ``send_day`` covers: local dates, ending the day before."""
    if frequency == DigestPreference.Frequency.WEEKLY:
        start = send_day - timedelta(days=7)
    elif frequency == DigestPreference.Frequency.FORTNIGHTLY:
        start = send_day - timedelta(days=14)
    elif frequency == DigestPreference.Frequency.MONTHLY:
        previous = send_day.replace(day=1) - timedelta(days=1)
        start = _first_weekday_of_month(previous.year, previous.month, send_day.weekday())
    else:
        raise ValueError(f"No period for {frequency!r}")
    return Period(
        frequency=frequency,
        start_date=start,
        end_date=send_day,
        start=local_midnight(start),
        end=local_midnight(send_day),
    )


def next_send_day(preference, today=None):
    """The next local date this person's digest goes out: today until the send hour, then
    tomorrow or later."""
    if today is None:
        local_now = timezone.localtime(timezone.now(), LONDON)
        today = local_now.date() + timedelta(days=1 if local_now.hour >= SEND_HOUR else 0)
    frequency = preference.frequency
    if frequency == DigestPreference.Frequency.OFF:
        frequency = DigestPreference.Frequency.WEEKLY
    day = today + timedelta(days=(preference.day_of_week - today.weekday()) % 7)
    for _ in range(10):
        if is_send_day(frequency, day):
            return day
        day += timedelta(days=7)
    raise AssertionError("unreachable: every frequency has a send day within ten weeks")


def run_period(run):
    return Period(
        frequency=run.frequency,
        start_date=run.period_start,
        end_date=run.period_end,
        start=local_midnight(run.period_start),
        end=local_midnight(run.period_end),
    )


# --- Preferences and consent -----------------------------------------------------------------


def consent_wording(frequency, day_of_week):
    if frequency == DigestPreference.Frequency.OFF:
        return OFF_WORDING
    return CONSENT_WORDING.format(
        frequency=DigestPreference.Frequency(frequency).label.lower(),
        day=DigestPreference.Day(day_of_week).label,
    )


@transaction.atomic
def set_preference(person, *, frequency, day_of_week=0, skipped_sections=None):
    """Record this person's choice, with its date and wording, as their consent to email."""
    preference, _ = DigestPreference.objects.select_for_update().get_or_create(person=person)
    preference.frequency = frequency
    preference.day_of_week = day_of_week
    if skipped_sections is not None:
        preference.skipped_sections = sorted(skipped_sections)
    preference.consent_recorded_at = timezone.now()
    preference.consent_wording = consent_wording(frequency, day_of_week)
    if frequency != DigestPreference.Frequency.OFF:
        preference.unsubscribed_at = None
    preference.save()
    return preference


def unsubscribe_token(member, delivery=None):
    """A signed token naming the member (and the delivery whose link it is, for the report)."""
    return signing.dumps(
        {"p": member.pk, "d": delivery.pk if delivery else None}, salt=UNSUBSCRIBE_SALT
    )


def read_unsubscribe_token(token):
    """(member, delivery or None); raises signing.BadSignature when tampered with."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    member = User.objects.get(pk=data["p"])
    delivery = None
    if data.get("d"):
        delivery = DigestDelivery.objects.filter(pk=data["d"], member=member).first()
    return member, delivery


@transaction.atomic
def unsubscribe(member, delivery=None):
    """Stop every digest and announcement email to this member. Safe to repeat."""
    now = timezone.now()
    preference, _ = DigestPreference.objects.select_for_update().get_or_create(person=member)
    already = preference.frequency == DigestPreference.Frequency.OFF
    preference.frequency = DigestPreference.Frequency.OFF
    preference.consent_recorded_at = now
    preference.consent_wording = "Unsubscribed with the link in an email from the hub."
    preference.unsubscribed_at = preference.unsubscribed_at if already else now
    preference.save()
    if delivery is not None and delivery.unsubscribed_at is None:
        DigestDelivery.objects.filter(pk=delivery.pk).update(unsubscribed_at=now)
    return preference


# --- Runs ----------------------------------------------------------------------------------


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
            DigestDelivery.objects.bulk_create(
                [
                    DigestDelivery(run=run, member_id=pk)
                    for pk in people.values_list("pk", flat=True)
                ],
                ignore_conflicts=True,
                batch_size=2000,
            )
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
    DigestDelivery.objects.bulk_create(
        [DigestDelivery(run=run, member_id=pk) for pk in people.values_list("pk", flat=True)],
        ignore_conflicts=True,
        batch_size=2000,
    )
    transaction.on_commit(lambda: fan_out(run.pk))
    return announcement


# --- Claiming ------------------------------------------------------------------------------


def claim(delivery_ids):
    """Claim the waiting deliveries among ``delivery_ids`` for this caller.

    The shared due-work claim (hub.core.due_work): a conditional UPDATE (pending -> claimed)
    that is atomic in the database, so of two tasks holding the same ids only one gets each
    delivery; the other gets nothing to send.
    """
    token, rows = DigestDelivery.objects.filter(
        pk__in=delivery_ids, status=DigestDelivery.Status.PENDING
    ).claim(timezone.now(), status=DigestDelivery.Status.CLAIMED)
    return token, list(
        rows.filter(status=DigestDelivery.Status.CLAIMED)
        .select_related("run", "run__announcement", "member", "member__digest_preference")
        .order_by("pk")
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


# --- Composing -----------------------------------------------------------------------------


@dataclass
class Digest:
    member: User
    sections: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.sections

    @property
    def summary(self):
        """ "2 new briefings, 3 events coming up and 4 questions"."""
        phrases = [s.count_phrase for s in self.sections]
        if len(phrases) <= 1:
            return "".join(phrases)
        return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _contexts(members, period):
    """Each member's Context for the feeds (led partnerships, themes), for the whole batch in
    a few queries: roles.warm, then one query for everyone's themes."""
    roles.warm(members)
    themes = defaultdict(set)
    for person_id, theme_id in User.themes.through.objects.filter(
        user_id__in=[m.pk for m in members]
    ).values_list("user_id", "theme_id"):
        themes[person_id].add(theme_id)
    return {
        m.pk: MemberContext(
            period=period,
            led_partnership_ids=set(roles.led_partnership_ids_of(m)),
            theme_ids=themes[m.pk],
        )
        for m in members
    }


def _preference(member):
    try:
        return member.digest_preference
    except DigestPreference.DoesNotExist:
        return None


def compose(members, period):
    """Each member's digest for ``period``, with a fixed number of queries for the batch."""
    members = list(members)
    contexts = _contexts(members, period)
    digests = {m.pk: Digest(member=m) for m in members}
    for provider in providers():
        wanting = [
            m
            for m in members
            if (not provider.leads_only or contexts[m.pk].led_partnership_ids)
            and (_preference(m) is None or _preference(m).wants(provider.key))
        ]
        if not wanting:
            continue
        for person_id, section in provider.for_people(wanting, period, contexts).items():
            # Every link in an email is absolute.
            section.more_url = absolute_url(section.more_url)
            for item in section.items:
                item.url = absolute_url(item.url)
                item.action_url = absolute_url(item.action_url)
            digests[person_id].sections.append(section)
    return digests


# --- Rendering and sending -----------------------------------------------------------------


absolute = absolute_url


def unsubscribe_url(member, delivery=None):
    return absolute(reverse("digests:unsubscribe", args=[unsubscribe_token(member, delivery)]))


def list_headers(member, delivery=None):
    """RFC 2369 and RFC 8058 headers: mail apps show their own one-click unsubscribe."""
    url = unsubscribe_url(member, delivery)
    mailto = getattr(settings, "HUB_UNSUBSCRIBE_MAILTO", "")
    value = f"<{url}>" + (f", <mailto:{mailto}?subject=unsubscribe>" if mailto else "")
    return {"List-Unsubscribe": value, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _section_fragments(section, fragments):
    """The HTML and text of one section, rendered once per batch for everyone who gets the
    very same section (members of one partnership with the same themes, mostly)."""
    key = (
        section.key,
        section.more_url,
        tuple(
            (i.title, i.url, i.meta, i.status, i.action_label, i.action_url) for i in section.items
        ),
    )
    if key not in fragments:
        context = {"section": section}
        fragments[key] = (
            mark_safe(render_to_string("digests/email/section.html", context)),  # noqa: S308 - rendered with autoescape
            render_to_string("digests/email/section.txt", context),
        )
    return fragments[key]


def render_digest(digest, period, delivery=None, fragments=None):
    """Render one member's digest; ``fragments`` is a per-batch cache of rendered sections."""
    member = digest.member
    fragments = {} if fragments is None else fragments
    parts = [_section_fragments(section, fragments) for section in digest.sections]
    context = {
        "member": member,
        "digest": digest,
        "section_htmls": [html for html, _ in parts],
        "section_texts": [text for _, text in parts],
        "period": period,
        "period_last_day": period.end_date - timedelta(days=1),
        "unsubscribe_url": unsubscribe_url(member, delivery),
        "preferences_url": absolute(reverse("digests:preferences")),
        "home_url": absolute("/"),
    }
    return render_email("digests/email/digest", context)


def render_announcement(announcement, member, delivery=None):
    paragraphs = [p.strip() for p in announcement.body.split("\n\n") if p.strip()]
    context = {
        "member": member,
        "announcement": announcement,
        "paragraphs": paragraphs,
        "unsubscribe_url": unsubscribe_url(member, delivery),
        "preferences_url": absolute(reverse("digests:preferences")),
        "home_url": absolute("/"),
    }
    return render_email("digests/email/announcement", context)


def _record_failure(delivery, error, now):
    deliveries = DigestDelivery.objects.filter(pk=delivery.pk)
    if delivery.attempts >= MAX_ATTEMPTS:
        deliveries.mark_done(
            delivery.claim_token,
            now,
            status=DigestDelivery.Status.FAILED,
            error=str(error)[:1000],
            claim_token=None,
        )
    else:
        # Back off: 2, 4, 8... minutes, always far inside the visibility timeout.
        wait = timedelta(minutes=2**delivery.attempts)
        deliveries.release(
            delivery.claim_token,
            status=DigestDelivery.Status.PENDING,
            due_at=now + wait,
            error=str(error)[:1000],
        )


def _relax_commit_durability():
    """Each "sent" mark is its own commit; on PostgreSQL don't wait for the disk each time.

    The mark is visible at once and survives a lost worker; only a crash of the database
    server itself in the next fraction of a second could undo it (the claim, committed
    durably before sending, would then let the sweep send that email again).
    """
    if db.vendor == "postgresql" and not db.in_atomic_block:
        with db.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


def _restore_commit_durability():
    if db.vendor == "postgresql" and not db.in_atomic_block:
        with db.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _mark_sent(delivery_id, token, subject):
    """UPDATE ... SET status = 'sent' for one delivery still under this claim.

    The same as ``DigestDelivery.objects.filter(pk=).mark_done(token, ...)``, written out
    because it runs once per email and the ORM's query building would triple its cost.
    """
    fields = DigestDelivery._meta
    table = db.ops.quote_name(fields.db_table)
    prep = {
        name: fields.get_field(name).get_db_prep_value(value, db)
        for name, value in (("done_at", timezone.now()), ("claim_token", token))
    }
    with db.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, done_at = %s, subject = %s, "  # noqa: S608 - names from the model
            "claim_token = NULL, error = '' WHERE id = %s AND claim_token = %s",
            [
                DigestDelivery.Status.SENT,
                prep["done_at"],
                subject[:255],
                delivery_id,
                prep["claim_token"],
            ],
        )


def send_batch(delivery_ids, *, connection=None):
    """Claim, compose, render and send one batch over one SMTP connection.

    Safe to run twice with the same ids (a duplicate or re-delivered task): the second finds
    nothing left to claim. Returns counts of sent, skipped and failed.
    """
    started = time_module.perf_counter()
    token, deliveries = claim(delivery_ids)
    result = {"claimed": len(deliveries), "sent": 0, "skipped": 0, "failed": 0}
    if not deliveries:
        return result
    timings = {}
    by_run = defaultdict(list)
    for delivery in deliveries:
        by_run[delivery.run_id].append(delivery)

    messages = []  # (delivery, subject, EmailMessage)
    skipped = []
    for run_deliveries in by_run.values():
        run = run_deliveries[0].run
        if run.kind == DigestRun.Kind.ANNOUNCEMENT:
            announcement = run.announcement
            for delivery in run_deliveries:
                rendered = render_announcement(announcement, delivery.member, delivery)
                messages.append((delivery, rendered))
            continue
        period = run_period(run)
        digests = compose([d.member for d in run_deliveries], period)
        fragments = {}
        for delivery in run_deliveries:
            digest = digests[delivery.member_id]
            if digest.is_empty:
                skipped.append(delivery.pk)
            else:
                messages.append((delivery, render_digest(digest, period, delivery, fragments)))
    timings["compose_and_render"] = time_module.perf_counter() - started
    now = timezone.now()
    if skipped:
        DigestDelivery.objects.filter(pk__in=skipped).mark_done(
            token, now, status=DigestDelivery.Status.SKIPPED, claim_token=None
        )
        result["skipped"] = len(skipped)
    if not messages:
        return result

    connection = connection or get_connection()
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - any failure to connect is a failed attempt
        logger.warning("Could not open the SMTP connection: %s", error)
        for delivery, _ in messages:
            _record_failure(delivery, error, now)
        result["failed"] = len(messages)
        return result
    try:
        _relax_commit_durability()
        for delivery, rendered in messages:
            message = build_message(
                rendered,
                delivery.member.email,
                headers=list_headers(delivery.member, delivery),
                connection=connection,
            )
            try:
                message.send()
            except Exception as error:  # noqa: BLE001 - record it and carry on with the rest
                logger.warning("Digest delivery %s failed: %s", delivery.pk, error)
                _record_failure(delivery, error, timezone.now())
                result["failed"] += 1
                continue
            # Marked sent straight away (not at the end of the batch), so a worker lost
            # mid-batch leaves at most the one message in flight unmarked.
            _mark_sent(delivery.pk, token, rendered.subject)
            result["sent"] += 1
    finally:
        connection.close()
        _restore_commit_durability()
        timings["total"] = time_module.perf_counter() - started
        logger.info("Digest batch: %s in %.1f s", result, timings["total"])
    return result


# --- Previews and reports --------------------------------------------------------------------


def preview(member, send_day=None):
    """Exactly what ``member`` would get on their next send day: (period, digest, rendered)."""
    member = User.objects.select_related("digest_preference").get(pk=member.pk)
    preference = _preference(member) or DigestPreference(person=member)
    send_day = send_day or next_send_day(preference)
    frequency = preference.frequency
    if frequency == DigestPreference.Frequency.OFF:
        frequency = DigestPreference.Frequency.WEEKLY
    period = period_for(frequency, send_day)
    digest = compose([member], period)[member.pk]
    rendered = None if digest.is_empty else render_digest(digest, period)
    return period, digest, rendered


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
