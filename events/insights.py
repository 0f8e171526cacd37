"""The events' figures for the programme team's insights page (hub.insights).

Each function takes a period (aware ``start`` and ``end``, end excluded) and a partnership
id or None (everyone), and runs one aggregate query, whatever the amount of data.
People's rows count for a partnership when the person is one of its members.
"""

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from events.models import EventPage, Feedback, Registration, TopicIdea, TopicSupport

KINDS = [kind for kind in EventPage.Kind if kind != EventPage.Kind.LEARNING_SET_SESSION]


def _people(partnership, field="person"):
    if partnership is None:
        return Q()
    return Q(**{f"{field}__memberships__partnership_id": partnership})


def registrations_by_kind(period, partnership):
    """Per kind of event starting in the period: places taken, people who came, waiting list."""
    rows = (
        Registration.objects.filter(
            _people(partnership),
            event__start__gte=period.start,
            event__start__lt=period.end,
            event__kind__in=KINDS,
        )
        .values("event__kind")
        .annotate(
            registered=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
            attended=Count("pk", filter=Q(status=Registration.Status.REGISTERED, attended=True)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        )
    )
    found = {row["event__kind"]: row for row in rows}
    return [
        (
            kind.label,
            found.get(kind.value, {}).get("registered", 0),
            found.get(kind.value, {}).get("attended", 0),
            found.get(kind.value, {}).get("waiting", 0),
        )
        for kind in KINDS
    ]


def feedback_by_month(period, partnership):
    """Per month (by when it was given): how many gave feedback and the average rating."""
    rows = (
        Feedback.objects.filter(
            _people(partnership), created_at__gte=period.start, created_at__lt=period.end
        )
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(responses=Count("pk"), average=Avg("rating"))
        .order_by("month")
    )
    return {row["month"].date(): (row["responses"], row["average"]) for row in rows}


def topic_ideas(period, partnership):
    """Ideas raised in the period, support given in it, and ideas raised then that became
    events (two queries)."""
    ideas = TopicIdea.objects.filter(
        _people(partnership, "proposed_by"),
        created_at__gte=period.start,
        created_at__lt=period.end,
    )
    supports = TopicSupport.objects.filter(
        _people(partnership), created_at__gte=period.start, created_at__lt=period.end
    )
    figures = ideas.aggregate(
        raised=Count("pk", distinct=True),
        scheduled=Count(
            "pk",
            distinct=True,
            filter=Q(status=TopicIdea.Status.SCHEDULED) | Q(scheduled_event__isnull=False),
        ),
    )
    return figures | {"supported": supports.count()}


def active_people(period):
    """(person id, month) pairs of people who registered, gave feedback, raised or supported
    an idea in the period: querysets for one UNION in the composer."""
    return [
        _pairs(Registration.objects, "person_id", "created_at", period),
        _pairs(Feedback.objects, "person_id", "created_at", period),
        _pairs(TopicIdea.objects, "proposed_by_id", "created_at", period),
        _pairs(TopicSupport.objects, "person_id", "created_at", period),
    ]


def _pairs(manager, person, when, period):
    return (
        manager.filter(**{f"{when}__gte": period.start, f"{when}__lt": period.end})
        .exclude(**{person: None})
        .annotate(month=TruncMonth(when))
        .values_list(person, "month")
        .order_by()
    )
