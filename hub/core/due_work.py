"""Future work as data: one mechanism for every row that is due later.

A reminder, an answer notice, a consent review, a digest delivery (and the notifications to
come) is a row of a model that inherits ``DueWork``: when it is due (``due_at``), who holds it
and since when (``claim_token``, ``claimed_at``), and when it was done (``done_at``). Work is
taken by ``claim``: a conditional UPDATE that only touches rows that are due, not done and
either never claimed or claimed longer ago than ``HUB_DUE_WORK_STALE_AFTER`` (a worker that
died). Of two workers claiming the same rows at the same moment only one wins each row. The
winner marks each row done with ``mark_done`` in the same transaction that queues its email,
so a row is done exactly once.

Each app registers its kind in ``AppConfig.ready``::

    due_work.register(Reminder, services.send_claimed_reminders, limit=200)

and the one beat task ``hub.core.tasks.run_due_work`` claims and runs every registered kind
each minute. A handler is called as ``handler(rows, token=..., now=...)`` with the claimed rows
(a queryset) and returns how many it sent. If it raises, its rows keep their claim and are
offered again once the claim is stale, so a failing row is retried every few minutes.

The core imports no content app: kinds plug themselves in here.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_save
from django.utils import timezone

from hub.core.clock import SITE_TIME_ZONE

logger = logging.getLogger(__name__)


def time_limit():
    """Seconds after which a task that claims due work is killed (HUB_DUE_WORK_TIME_LIMIT)."""
    return settings.HUB_DUE_WORK_TIME_LIMIT


def soft_time_limit():
    """The soft limit of those tasks: they stop and give back what they hold before this."""
    return time_limit() - 20


def stale_after():
    """How long a claim holds: after this the row is offered to another worker.

    A little longer than the time limit of every task that claims, so a live worker never
    loses its claim; short enough that a dead worker's rows go out a few minutes later.
    """
    return settings.HUB_DUE_WORK_STALE_AFTER


class DueWorkQuerySet(models.QuerySet):
    """Due, claim, release, mark done and sweep: the same for every kind of due work."""

    def _free(self, now):
        # Due, not done, and free: never claimed, released, or claimed by a worker that died.
        return self.filter(done_at__isnull=True, due_at__lte=now).filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - stale_after())
        )

    def due(self, now=None):
        """Rows that are due by ``now`` and free to claim. A kind may narrow this (override it)
        to leave rows waiting that should not go yet, such as a hidden story's review."""
        return self._free(now or timezone.now())

    def stale(self, now=None):
        """Rows still claimed, not done, whose claim is older than the stale time."""
        now = now or timezone.now()
        return self.filter(
            done_at__isnull=True, claimed_at__isnull=False, claimed_at__lt=now - stale_after()
        )

    def claim(self, now=None, limit=None, **changes):
        """Claim up to ``limit`` due rows for this caller; returns ``(token, rows)``.

        The candidates are read (locked, skipping rows another worker has locked, where the
        database can) and then taken by a conditional UPDATE that repeats the "due and free"
        test, so of two workers only one can take each row: the second's UPDATE finds the row
        claimed and leaves it. ``rows`` is a queryset of exactly the rows this token holds.
        ``changes`` are set on the claimed rows too (a digest delivery's status).
        """
        now = now or timezone.now()
        token = uuid.uuid4()
        candidates = self.due(now).order_by("due_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True, of=("self",))
        with transaction.atomic():
            ids = candidates.values_list("pk", flat=True)
            ids = list(ids if limit is None else ids[:limit])
            if ids:
                DueWorkQuerySet(self.model, using=self.db).filter(pk__in=ids)._free(now).update(
                    claim_token=token, claimed_at=now, attempts=F("attempts") + 1, **changes
                )
        return token, self.model._default_manager.filter(claim_token=token)

    def release(self, token, **changes):
        """Give back rows held by ``token`` that are not done, to be claimed again at once."""
        return self.filter(claim_token=token, done_at__isnull=True).update(
            claim_token=None, claimed_at=None, **changes
        )

    def mark_done(self, token, now=None, **changes):
        """Mark this token's rows (among this queryset) done; returns how many.

        Nought means another worker holds them now (this claim went stale): send nothing. Call
        it in the transaction that queues the email, so the mark and the email go together.
        """
        return self.filter(claim_token=token, done_at__isnull=True).update(
            done_at=now or timezone.now(), **changes
        )

    def sweep_stale(self, now=None, **changes):
        """Release the rows whose claim is stale (their worker died); returns how many."""
        now = now or timezone.now()
        return self.stale(now).update(claim_token=None, claimed_at=None, **changes)


class DueWork(models.Model):
    """A row of work due later: inherit it, register a handler, and beat does the rest."""

    due_at = models.DateTimeField("due", default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    done_at = models.DateTimeField("done", null=True, blank=True)
    # How many times it was claimed, and the last failure: a row that keeps failing shows here.
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    objects = DueWorkQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["done_at", "due_at"], name="%(app_label)s_%(class)s_due"),
            models.Index(fields=["claim_token"], name="%(app_label)s_%(class)s_tok"),
        ]


def send_once(rows, token, now, send, *args):
    """Mark ``rows`` done and ``send(*args)`` in one transaction, so the mark and what it queues go
    together; sends nothing when the claim went stale (another worker holds the rows now).
    True when sent."""
    with transaction.atomic():
        if not rows.mark_done(token, now):
            return False
        send(*args)
        return True


def remind_each(rows, token, now, person_of, send):
    """For each claimed row, ``send(row, person)`` once to ``person_of(row)``, marked done in
    the same transaction; a row whose person cannot be emailed (none, closed, no address) is
    marked done unsent. Returns how many were sent."""
    sent = 0
    for row in rows:
        person = person_of(row)
        mine = rows.model._default_manager.filter(pk=row.pk)
        if person is not None and person.is_active and person.email:
            sent += send_once(mine, token, now, send, row, person)
        else:
            mine.mark_done(token, now)
    return sent


def arm_review(model, review_date, hour, **owner):
    """Make sure ``owner`` (e.g. ``consent=consent``) has its review reminder: a ``model`` row
    due at ``hour`` site time on ``review_date``. An unsent reminder for another date is
    dropped, because the new date replaces it."""
    pending = model._default_manager.filter(done_at__isnull=True, **owner)
    pending.exclude(review_date=review_date).delete()
    due_at = datetime.combine(review_date, hour, tzinfo=SITE_TIME_ZONE)
    return model._default_manager.get_or_create(
        review_date=review_date, defaults={"due_at": due_at}, **owner
    )[0]


# --- Kinds and the runner ----------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    model: type
    handler: object
    limit: int


_kinds = {}


def register(model, handler, *, limit=200):
    """Let beat run ``model``'s due rows through ``handler`` (call from ``AppConfig.ready``).

    ``limit`` is how many rows one run claims; keep one run well inside the task's time limit.
    """
    _kinds[model._meta.label] = Kind(model=model, handler=handler, limit=limit)


def arm_when_saved(model, arm, *, dispatch_uid):
    """However a ``model`` row is saved (a form, the admin, the seeder), ``arm(row)`` makes
    or moves the due work that belongs to it (a consent's review reminder); never while
    fixtures load, whose rows are not yet whole. Call from ``AppConfig.ready``."""

    def armed(sender, instance, raw=False, **kwargs):
        if not raw:
            arm(instance)

    post_save.connect(armed, sender=model, weak=False, dispatch_uid=dispatch_uid)


def kinds():
    """The registered kinds, by model label."""
    return dict(_kinds)


def run(model, *, now=None, limit=None):
    """Claim due rows of one kind and hand them to its handler; returns what it returns.

    A handler's error is recorded on the rows it left undone and raised again; their claim is
    kept, so they are offered again once it is stale.
    """
    kind = _kinds[model._meta.label]
    now = now or timezone.now()
    token, rows = model._default_manager.claim(now, limit or kind.limit)
    try:
        return kind.handler(rows, token=token, now=now)
    except Exception as error:
        model._default_manager.filter(claim_token=token, done_at__isnull=True).update(
            error=repr(error)[:1000]
        )
        raise


def run_all(now=None):
    """Run every registered kind once (the beat task). One kind failing does not stop the
    others. Returns how many each sent, by model label (None for a kind that failed)."""
    now = now or timezone.now()
    results = {}
    for label, kind in kinds().items():
        try:
            kind.model._default_manager.sweep_stale(now)
            results[label] = run(kind.model, now=now)
        except Exception:
            logger.exception("Due work %s failed; retried once its claim is stale", label)
            results[label] = None
    return results
