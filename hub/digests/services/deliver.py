"""Delivering a batch: claim its deliveries (hub.core.due_work), render what
``compose_deliveries`` put together, send it all over one SMTP connection and record each
outcome straight away.
"""

import logging
import time as time_module
from collections import defaultdict
from datetime import timedelta

from django.core.mail import get_connection
from django.db import connection as db
from django.utils import timezone

from hub.core.mail import build_message
from hub.digests.models import DigestDelivery

from .compose import Digest, compose_deliveries
from .emails import list_headers, render_announcement, render_digest

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
        .select_related("run", "run__announcement", "member", "member__digest_preference")
        .order_by("pk")
    )


def send_batch(delivery_ids, *, connection=None):
    """Claim, compose, render and send one batch over one SMTP connection.

    Safe to run twice with the same ids (a duplicate or re-delivered task): the second finds
    nothing left to claim. Returns counts of claimed, sent, skipped and failed.
    """
    started = time_module.perf_counter()
    token, deliveries = claim(delivery_ids)
    result = {"claimed": len(deliveries), "sent": 0, "skipped": 0, "failed": 0}
    if not deliveries:
        return result
    messages, skipped = _render(compose_deliveries(deliveries))
    if skipped:
        DigestDelivery.objects.filter(pk__in=skipped).mark_done(
            token, timezone.now(), status=DigestDelivery.Status.SKIPPED, claim_token=None
        )
        result["skipped"] = len(skipped)
    if messages:
        _send(messages, token, connection or get_connection(), result)
        logger.info("Digest batch: %s in %.1f s", result, time_module.perf_counter() - started)
    return result


def _render(composed):
    """(delivery, rendered email) for everything there is to send, and the ids of deliveries
    with nothing new in them (skipped, never sent empty)."""
    messages, skipped = [], []
    # Sections rendered once per run for everyone who gets the very same one.
    fragments = defaultdict(dict)
    for delivery, content, period in composed:
        if not isinstance(content, Digest):
            messages.append((delivery, render_announcement(content, delivery.member, delivery)))
        elif content.is_empty:
            skipped.append(delivery.pk)
        else:
            rendered = render_digest(content, period, delivery, fragments[delivery.run_id])
            messages.append((delivery, rendered))
    return messages, skipped


def _send(messages, token, connection, result):
    """Send every message over ``connection``, marking each sent (or failed) at once."""
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - any failure to connect is a failed attempt
        logger.warning("Could not open the SMTP connection: %s", error)
        now = timezone.now()
        for delivery, _ in messages:
            _record_failure(delivery, error, now)
        result["failed"] = len(messages)
        return
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
