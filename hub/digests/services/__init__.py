"""The digest's rules: periods, preferences, runs, composing and delivering.

Views, tasks, the admin and the ``send_digests`` command all call these functions, by the
names below. A batch goes out in two steps: ``compose`` (what each member gets: reads only,
a fixed number of queries for the batch) and ``deliver`` (claim, render, send over one SMTP
connection, record each outcome).
"""

from .compose import Digest, compose, compose_deliveries, member_choosable_sections
from .deliver import MAX_ATTEMPTS, claim, send_batch
from .emails import list_headers, preview, render_announcement, render_digest, unsubscribe_url
from .periods import (
    FORTNIGHT_EPOCH,
    LONDON,
    SEND_HOUR,
    is_send_day,
    local_midnight,
    local_today,
    next_send_day,
    period_for,
    run_period,
)
from .preferences import (
    CONSENT_WORDING,
    OFF_WORDING,
    consent_wording,
    read_unsubscribe_token,
    set_preference,
    unsubscribe,
    unsubscribe_token,
)
from .runs import (
    BATCH_SIZE,
    BATCH_TIME_LIMIT,
    STALE_AFTER,
    create_announcement,
    eligible_people,
    fan_out,
    queue_batches,
    run_report,
    start_due_runs,
    start_run,
    sweep,
)

__all__ = [
    "BATCH_SIZE",
    "BATCH_TIME_LIMIT",
    "CONSENT_WORDING",
    "FORTNIGHT_EPOCH",
    "LONDON",
    "MAX_ATTEMPTS",
    "OFF_WORDING",
    "SEND_HOUR",
    "STALE_AFTER",
    "Digest",
    "claim",
    "compose",
    "compose_deliveries",
    "consent_wording",
    "create_announcement",
    "eligible_people",
    "fan_out",
    "is_send_day",
    "list_headers",
    "local_midnight",
    "local_today",
    "member_choosable_sections",
    "next_send_day",
    "period_for",
    "preview",
    "queue_batches",
    "read_unsubscribe_token",
    "render_announcement",
    "render_digest",
    "run_period",
    "run_report",
    "send_batch",
    "set_preference",
    "start_due_runs",
    "start_run",
    "sweep",
    "unsubscribe",
    "unsubscribe_token",
    "unsubscribe_url",
]
