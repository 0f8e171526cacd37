"""Version numbers in the shared cache for things other content is built from.

A cached rendering that includes something owned by another app (a briefing's PDF quotes
voices from the voice bank) puts ``version(name)`` in its cache key; the owner calls
``bump(name)`` when that something changes, so every process stops using the old rendering
at once, without either app importing the other.
"""

from django.core.cache import cache
from django.db import transaction


def _key(name):
    return f"content-version:{name}"


def version(name):
    """The current version of ``name`` (1 until it is first bumped)."""
    current = cache.get(_key(name))
    if current is None:
        cache.add(_key(name), 1, timeout=None)
        current = cache.get(_key(name)) or 1
    return current


def bump(name):
    """A new version of ``name`` now, and again when the change commits (so a rendering made
    meanwhile from the old data is not kept under the new version)."""

    def incr():
        try:
            cache.incr(_key(name))
        except ValueError:
            cache.add(_key(name), 2, timeout=None)

    incr()
    transaction.on_commit(incr)
