"""Wagtail's own page privacy (a PageViewRestriction: a password, groups or "signed in"), read
without a query on every page view while no page has one.

Wagtail checks each page it serves for restrictions on the page and its ancestors: two
queries on every page view, though the hub keeps its privacy in each kind's ``visible_to``
and ``can_view`` and normally has no restriction at all. Whether any exists is kept in the
shared cache. A restriction saved or deleted sets it at once (for the saving transaction)
and again once its transaction commits; the flag is filled with ``cache.add``, so a reader
that looked before a new restriction was committed cannot overwrite the "yes" written after
it. With the cache down it is a miss:
one ``exists()`` query instead of two, never a skipped check.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction

KEY = "page-view-restrictions:any"
SECONDS = 3600


def any_exist():
    """Whether any page has a view restriction (from the cache when it can)."""
    found = cache.get(KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.add(KEY, found, SECONDS)
    return found


class ViewRestrictionsMixin:
    """For page models: Wagtail's restriction check costs nothing while there are none."""

    def get_view_restrictions(self):
        if not any_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _saved(**kwargs):
    # Now (so the saving transaction itself sees it) and again once it commits.
    cache.set(KEY, True, SECONDS)
    transaction.on_commit(lambda: cache.set(KEY, True, SECONDS))


def _deleted(**kwargs):
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))


def connect():
    """Keep the flag right when a restriction is added or removed (from CoreConfig.ready)."""
    post_save.connect(_saved, sender=PageViewRestriction, dispatch_uid="hub-view-restrictions")
    post_delete.connect(_deleted, sender=PageViewRestriction, dispatch_uid="hub-view-restr-del")
