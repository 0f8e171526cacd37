"""A lock that two processes (two beats, two workers) cannot both hold: a PostgreSQL
advisory lock, named in words. On SQLite (one machine, tasks run eagerly) it always yields
True: there is nobody to race."""

import hashlib
from contextlib import contextmanager

from django.db import connection


def _key(name):
    """A stable signed 64-bit key for ``name`` (the same in every process)."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def held_or_skipped(name):
    """Yield True if this process now holds the lock ``name``, False if another does.

    The caller skips its work when False: the holder is doing it. The lock belongs to this
    database session and is given back on leaving (or when the connection closes, if the
    worker dies), so it never outlives its holder.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    key = _key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
