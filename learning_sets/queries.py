"""What other pages may say about learning sets: when your set meets (the digest and home
page), and a set's health in numbers (its facilitators). Nothing said in a set."""

from django.db.models import Count, Q
from django.utils import timezone

from hub.people import roles
from learning_sets.models import Action, Attendance, SetSession


def next_sessions(user, limit=3):
    """``[(set name, start datetime), ...]`` for this person's own sets' coming sessions."""
    ids = roles.set_ids_of(user)
    if not ids:
        return []
    return list(
        SetSession.objects.filter(learning_set_id__in=ids, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values_list("learning_set__name", "starts_at")[:limit]
    )


def health_figures(learning_set, now):
    """How a set is doing, in numbers only: sessions held, attendance rate, actions completed
    (for its facilitators' health pages; nothing said in the set)."""
    held = SetSession.objects.filter(learning_set=learning_set, starts_at__lte=now)
    marks = Attendance.objects.filter(session__in=held).aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(present=True))
    )
    actions = Action.objects.filter(learning_set=learning_set).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=Action.Status.DONE))
    )
    return {
        "learning_set": learning_set,
        "sessions_held": held.count(),
        "attendance_rate": round(100 * marks["present"] / marks["total"])
        if marks["total"]
        else None,
        "actions_total": actions["total"],
        "actions_done": actions["done"],
        "members": learning_set.current_memberships().count(),
    }
