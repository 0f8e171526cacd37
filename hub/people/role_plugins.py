"""Where content apps plug their memberships and per-person counts into the roles query.

Split from :mod:`hub.people.roles` (which reads them) so that module stays one reader's
length; apps call these through ``roles.register_membership_lookup`` and
``roles.register_count`` from their ``AppConfig.ready``.
"""

from django.contrib.auth import get_user_model

# name -> (one_fn(user) -> set of ids, batch_fn(people) -> {person id: set of ids})
_MEMBERSHIP_LOOKUPS = {}


# name -> rows(user): the same lookup as a queryset of the things, read with the roles
_MEMBERSHIP_ROWS = {}


def register_membership_lookup(name, one, batch, rows=None):
    """Plug a content app's "which of my things is this person in" into the roles cache.

    ``one(user)`` returns a set of ids for one approved member; ``batch(people)`` returns
    ``{person id: set of ids}`` for many in a fixed number of queries (people missing from the
    dict are in none). Call it from the app's ``AppConfig.ready``; :func:`memberships_of`
    then answers it (cached), and :func:`warm` warms it for a batch. ``rows(user)``, if
    given, is the same answer as a queryset of the things: their ids are then read in the one
    roles query, so a page that asks costs no query of its own. It may depend on the person's
    id only (not the clock or their other fields): its SQL is compiled once per process
    (:mod:`hub.people.roles_query`).
    """
    _MEMBERSHIP_LOOKUPS[name] = (one, batch)
    if rows is not None:
        _MEMBERSHIP_ROWS[name] = rows


# name -> rows_for(person): a queryset whose rows :func:`count_of` counts (see register_count)
_COUNTS = {}


def register_count(name, rows_for):
    """Plug a per-person count the header shows on every page (the bell's unread
    notifications) into the roles query, so a page pays no query of its own for it.

    ``rows_for(person)`` returns the queryset whose rows are counted; :func:`count_of` answers
    it, counted in the same query as the person's groups and memberships and cached for the
    request. Call it from the app's ``AppConfig.ready``. Like a lookup's ``rows``, it may
    depend on the person's id only: the roles query is compiled once per process.
    """
    _COUNTS[name] = rows_for


def count_parts(user):
    """One union row per registered count: ("count", the count, its name, False)."""
    from django.db.models import (
        BooleanField,
        CharField,
        Count,
        IntegerField,
        Subquery,
        Value,
        Window,
    )
    from django.db.models.functions import Coalesce

    parts = []
    for name, rows_for in _COUNTS.items():
        counted = rows_for(user).order_by().annotate(_n=Window(Count("pk"))).values("_n")[:1]
        parts.append(
            get_user_model()
            .objects.filter(pk=user.pk)
            .order_by()
            .values_list(
                Value("count", output_field=CharField()),
                Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)),
                Value(name, output_field=CharField()),
                Value(False, output_field=BooleanField()),
            )
        )
    return parts
