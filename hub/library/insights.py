"""The library's figures for the programme team's insights page (hub.insights).

Counts per partnership (the resource's partnership) for a period (aware ``start`` and
``end``, end excluded); one aggregate query each, whatever the amount of data.
"""

from django.db.models import Count
from django.db.models.functions import TruncMonth

from hub.library.models import Note, Resource, UsefulMark


def _in(queryset, period, partnership, field):
    queryset = queryset.filter(created_at__gte=period.start, created_at__lt=period.end)
    if partnership is not None:
        queryset = queryset.filter(**{field: partnership})
    return queryset


def per_partnership(period, partnership):
    """{partnership id or None: {"resources", "notes", "useful"}}: three grouped queries."""
    figures = {}
    for name, queryset, field in (
        ("resources", Resource.objects.all(), "partnership_id"),
        ("notes", Note.objects.all(), "resource__partnership_id"),
        ("useful", UsefulMark.objects.all(), "resource__partnership_id"),
    ):
        rows = (
            _in(queryset, period, partnership, field)
            .values(field)
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            figures.setdefault(row[field], {"resources": 0, "notes": 0, "useful": 0})[name] = row[
                "n"
            ]
    return figures


def active_people(period):
    """(person id, month) pairs of people who shared, noted or marked something useful."""

    def pairs(manager, person):
        return (
            manager.filter(created_at__gte=period.start, created_at__lt=period.end)
            .exclude(**{person: None})
            .annotate(month=TruncMonth("created_at"))
            .values_list(person, "month")
            .order_by()
        )

    return [
        pairs(Resource.objects, "shared_by_id"),
        pairs(Note.objects, "author_id"),
        pairs(UsefulMark.objects, "person_id"),
    ]
