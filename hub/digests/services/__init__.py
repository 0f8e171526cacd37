"""The digest's rules: periods, preferences, runs, composing and delivering.

Views, tasks, the admin and the ``send_digests`` command all call these functions, by the
names below. A batch goes out in two steps: ``compose`` (what each member gets: reads only,
a fixed number of queries for the batch) and ``deliver`` (claim, render, send over one SMTP
connection, record each outcome).
"""

from .compose import compose, member_choosable_sections
from .deliver import MAX_ATTEMPTS, claim, send_batch
from .emails import preview, render_digest, unsubscribe_url
from .periods import is_send_day, local_today, next_send_day, period_for
from .preferences import (
    consent_wording,
    read_unsubscribe_token,
    set_preference,
    unsubscribe,
    unsubscribe_token,
)
from .runs import (
    BATCH_SEND_SECONDS,
    BATCH_SIZE,
    BATCH_SOFT_TIME_LIMIT,
    BATCH_TIME_LIMIT,
    STALE_AFTER,
    eligible_people,
    run_report,
    start_due_runs,
    start_run,
    sweep,
)

__all__ = [
    "BATCH_SEND_SECONDS",
    "BATCH_SIZE",
    "BATCH_SOFT_TIME_LIMIT",
    "BATCH_TIME_LIMIT",
    "MAX_ATTEMPTS",
    "STALE_AFTER",
    "claim",
    "compose",
    "consent_wording",
    "eligible_people",
    "is_send_day",
    "local_today",
    "member_choosable_sections",
    "next_send_day",
    "period_for",
    "preview",
    "read_unsubscribe_token",
    "render_digest",
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
