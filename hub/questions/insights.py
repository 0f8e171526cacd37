"""The questions' figures for the programme team's insights page (hub.insights).

For a period (aware ``start`` and ``end``, end excluded) and a partnership id or None;
one query, whatever the amount of data.
"""

import statistics

from django.db.models import Min
from django.db.models.functions import TruncMonth

from hub.questions.models import Answer, Question


def asked_and_answered(period, partnership):
    """Questions asked in the period, how many have an answer, and the median hours from
    asking to the first answer (None when none is answered)."""
    questions = Question.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
    if partnership is not None:
        questions = questions.filter(partnership_id=partnership)
    rows = list(
        questions.annotate(first=Min("answers__created_at")).values_list("created_at", "first")
    )
    waits = [(first - asked).total_seconds() / 3600 for asked, first in rows if first]
    return {
        "asked": len(rows),
        "answered": len(waits),
        "median_hours": statistics.median(waits) if waits else None,
    }


def active_people(period):
    """(person id, month) pairs of people who asked or answered."""

    def pairs(manager):
        return (
            manager.filter(created_at__gte=period.start, created_at__lt=period.end)
            .exclude(author_id=None)
            .annotate(month=TruncMonth("created_at"))
            .values_list("author_id", "month")
            .order_by()
        )

    return [pairs(Question.objects), pairs(Answer.objects)]
