"""Delivering a batch: claim its deliveries (hub.core.due_work), render what
``compose_deliveries`` put together, send it all over one SMTP connection and record each
outcome straight away.
"""

import contextlib
import logging
import smtplib
import time as time_module
from collections import defaultdict
from datetime import timedelta

from django.core.mail import get_connection
from django.db import connection as db
from django.db.models import F
from django.utils import timezone

from celery.exceptions import SoftTimeLimitExceeded

from hub.core.mail import message_id, tracking_smtp
from hub.digests.models import DigestDelivery, DigestPreference, DigestRun

from .compose import Digest, compose_deliveries
from .emails import list_headers, render_for, unsubscribe_url
from .messages import build_digest_message, send
from .runs import BATCH_SEND_SECONDS

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


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
        .select_related("run", "member", "member__digest_preference")
        .order_by("pk")
    )


def send_batch(delivery_ids, *, connection=None, send_seconds=None):
    """Claim, compose, render and send one batch over one SMTP connection.

    Safe to run twice with the same ids (a duplicate or re-delivered task): the second finds
    nothing left to claim. Each member's choice is read again just before sending, so someone
    who unsubscribed (or changed how often) since the run started gets nothing. Sending stops
    after ``send_seconds`` (BATCH_SEND_SECONDS, inside the task's soft time limit): what is left
    is given back and handed to a new batch. Returns counts of claimed, sent, skipped, failed,
    cancelled, unknown (may have been sent) and released.
    """
    started = time_module.perf_counter()
    deadline = time_module.monotonic() + (send_seconds or BATCH_SEND_SECONDS)
    token, deliveries = claim(delivery_ids)
    result = dict.fromkeys(("sent", "skipped", "failed", "cancelled", "unknown", "released"), 0) | {
        "claimed": len(deliveries)
    }
    if not deliveries:
        return result
    messages, skipped = _render(compose_deliveries(deliveries))
    if skipped:
        DigestDelivery.objects.filter(pk__in=skipped).mark_done(
            token, timezone.now(), status=DigestDelivery.Status.SKIPPED, claim_token=None
        )
        result["skipped"] = len(skipped)
    messages = _still_wanted(messages, token, result)
    if messages:
        _send(messages, token, connection or get_connection(), result, deadline)
        logger.info("Digest batch: %s in %.1f s", result, time_module.perf_counter() - started)
    return result


def _still_wanted(messages, token, result):
    """The messages whose member still wants them now; the others are marked cancelled.

    A digest goes to someone whose preference is still this run's frequency and day; an
    announcement to anyone who has not switched email off. One query for the batch.
    """
    choices = {
        person: (frequency, day)
        for person, frequency, day in DigestPreference.objects.filter(
            person_id__any_of=[delivery.member_id for delivery, _ in messages]
        ).values_list("person_id", "frequency", "day_of_week")
    }
    wanted, cancelled = [], []
    for delivery, rendered in messages:
        frequency, day = choices.get(delivery.member_id, (DigestPreference.Frequency.OFF, None))
        run = delivery.run
        if run.kind == DigestRun.Kind.DIGEST:
            wants = (frequency, day) == (run.frequency, run.period_end.weekday())
        else:
            wants = frequency != DigestPreference.Frequency.OFF
        (wanted if wants else cancelled).append((delivery, rendered))
    if cancelled:
        DigestDelivery.objects.filter(pk__in=[d.pk for d, _ in cancelled]).mark_done(
            token,
            timezone.now(),
            status=DigestDelivery.Status.CANCELLED,
            claim_token=None,
            error="Unsubscribed or changed how often before it was sent.",
        )
        result["cancelled"] = len(cancelled)
    return wanted


def _render(composed):
    """(delivery, rendered email) for everything there is to send, and the ids of deliveries
    with nothing new in them (skipped, never sent empty)."""
    messages, skipped = [], []
    # Emails rendered once per run for everyone who gets the very same sections.
    bodies = defaultdict(dict)
    for delivery, content, period in composed:
        if not isinstance(content, Digest) or content.is_empty:
            skipped.append(delivery.pk)
        else:
            rendered, shared = render_for(content, period, delivery, bodies[delivery.run_id])
            # The batch's render with stand-ins, from which the message's bytes are made.
            delivery._shared_email = shared
            messages.append((delivery, rendered))
    return messages, skipped


def _send(messages, token, connection, result, deadline):
    """Send every message over ``connection``, marking each sent (or failed) at once.

    Stops cleanly at ``deadline`` (a monotonic time), and at the task's soft time limit if a
    single send outlasts it: the messages not yet handed over are given back and queued again
    at once. A failure after the message was handed over (DATA), with no refusal from the
    server, is recorded as "may have been sent" and not sent again.
    """
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - any failure to connect is a failed attempt
        logger.warning("Could not open the SMTP connection: %s", error)
        now = timezone.now()
        for delivery, _ in messages:
            _record_failure(delivery, error, now)
        result["failed"] = len(messages)
        return
    position = 0
    templates = {}  # the bytes of each distinct email (messages.build_digest_message)
    marks = None
    try:
        _relax_commit_durability()
        marks = _SentMarks()
        for position, (delivery, rendered) in enumerate(messages):  # noqa: B007 - used after
            if time_module.monotonic() >= deadline:
                break
            member = delivery.member
            message = build_digest_message(
                rendered,
                getattr(delivery, "_shared_email", None),
                member.email,
                member.display_name,
                unsubscribe_url(member, delivery),
                headers={
                    **list_headers(member, delivery),
                    "Message-ID": message_id(f"digest-{delivery.pk}"),
                },
                connection=connection,
                templates=templates,
            )
            with tracking_smtp(connection) as stage:
                try:
                    send(message, stage)
                except SoftTimeLimitExceeded:
                    if stage.after_data:
                        _record_unknown(delivery, token, "Stopped by the time limit")
                        result["unknown"] += 1
                        position += 1
                    _drop(connection)
                    raise
                except smtplib.SMTPResponseException as error:
                    # The server answered no: it did not take the email.
                    _record_failure(delivery, error, timezone.now())
                    result["failed"] += 1
                    continue
                except Exception as error:  # noqa: BLE001 - record it and carry on
                    if not stage.after_data:
                        _record_failure(delivery, error, timezone.now())
                        result["failed"] += 1
                    else:
                        _record_unknown(delivery, token, repr(error))
                        result["unknown"] += 1
                    logger.warning("Digest delivery %s failed: %r", delivery.pk, error)
                    # The connection may be broken: start a fresh one for the rest.
                    _reopen(connection)
                    continue
            # Marked sent straight away (not at the end of the batch), so a worker lost
            # mid-batch leaves at most the one message in flight unmarked.
            marks.mark(delivery.pk, token, rendered.subject)
            result["sent"] += 1
        else:
            position = len(messages)
    except SoftTimeLimitExceeded:
        logger.warning("Digest batch stopped by its soft time limit; handing the rest on")
    finally:
        try:
            connection.close()
        except Exception as error:  # noqa: BLE001 - everything sent is recorded already
            logger.warning("Could not close the SMTP connection: %r", error)
            _drop(connection)
        if marks is not None:
            marks.close()
        _restore_commit_durability()
        _hand_on([delivery for delivery, _ in messages[position:]], token, result)


def _drop(connection):
    """Close the socket of a connection in an unknown state, without waiting for a QUIT."""
    smtp = getattr(connection, "connection", None)
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()
        connection.connection = None


def _reopen(connection):
    _drop(connection)
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - the next send fails and records it
        logger.warning("Could not reopen the SMTP connection: %s", error)


def _hand_on(deliveries, token, result):
    """Give back the claims of ``deliveries`` (not handed to the mail server) and queue them in
    a new batch at once. The claim they had does not count as an attempt."""
    if not deliveries:
        return
    from hub.digests.tasks import send_batch

    ids = [delivery.pk for delivery in deliveries]
    result["released"] = DigestDelivery.objects.filter(pk__in=ids, status="claimed").release(
        token,
        status=DigestDelivery.Status.PENDING,
        due_at=timezone.now(),
        attempts=F("attempts") - 1,
    )
    try:
        send_batch.delay(ids)
    except Exception:  # the broker is down: the sweep re-offers them within minutes
        logger.exception("Could not queue the rest of a digest batch; the sweep will")


def _record_unknown(delivery, token, error):
    """The server may have taken this email: settle it as "may have been sent", not again."""
    logger.warning("Digest delivery %s may have been sent: %s", delivery.pk, error)
    DigestDelivery.objects.filter(pk=delivery.pk).mark_done(
        token,
        timezone.now(),
        status=DigestDelivery.Status.UNKNOWN,
        claim_token=None,
        error=f"The mail server stopped answering after taking the email: {error}"[:1000],
    )


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


class _SentMarks:
    """UPDATE ... SET status = 'sent' for one delivery still under this claim, one statement
    and one commit per email, over one cursor for the batch.

    The same as ``DigestDelivery.objects.filter(pk=).mark_done(token, ...)``, written out
    because it runs once per email and the ORM's query building would triple its cost. On
    PostgreSQL the cursor binds its parameters on the server: the values travel beside the
    statement instead of being quoted into its text by psycopg (Django's default), less than
    half the CPU per email. Nothing is prepared by name, so connection poolers are unaffected,
    and it is still Django's cursor wrapper: the statements are counted and logged as usual.
    """

    def __init__(self):
        fields = DigestDelivery._meta
        self._sql = (
            f"UPDATE {db.ops.quote_name(fields.db_table)} SET status = %s, done_at = %s, "  # noqa: S608 - names from the model
            "subject = %s, claim_token = NULL, error = '' WHERE id = %s AND claim_token = %s"
        )
        self._done_at = fields.get_field("done_at")
        self._claim_token = fields.get_field("claim_token")
        db.ensure_connection()
        if db.vendor == "postgresql":
            import psycopg

            raw = psycopg.Cursor(db.connection)
            self._cursor = db.make_debug_cursor(raw) if db.queries_logged else db.make_cursor(raw)
        else:
            self._cursor = db.cursor()

    def mark(self, delivery_id, token, subject):
        self._cursor.execute(
            self._sql,
            [
                DigestDelivery.Status.SENT.value,
                self._done_at.get_db_prep_value(timezone.now(), db),
                subject[:255],
                delivery_id,
                self._claim_token.get_db_prep_value(token, db),
            ],
        )

    def close(self):
        with contextlib.suppress(Exception):
            self._cursor.close()
