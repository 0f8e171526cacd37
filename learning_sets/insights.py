"""Learning sets' figures for the programme team's insights page (hub.insights).

Counts only, never content: sessions held, people present, actions done. Sets belong to
no partnership, so a partnership narrows attendance to its members and actions to those
its members own. One aggregate query each, whatever the amount of data.
"""

from django.db.models import Count, Q
from django.utils import timezone

from learning_sets.models import Action, Attendance, SetSession


def counts(period, partnership):
    held = SetSession.objects.filter(
        starts_at__gte=period.start, starts_at__lt=min(period.end, timezone.now())
    )
    attendance = Attendance.objects.filter(
        present=True, session__starts_at__gte=period.start, session__starts_at__lt=period.end
    )
    actions = Action.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
    if partnership is not None:
        held = held.filter(attendance__person__memberships__partnership_id=partnership).distinct()
        attendance = attendance.filter(person__memberships__partnership_id=partnership)
        actions = actions.filter(owner__memberships__partnership_id=partnership)
    figures = actions.aggregate(
        actions=Count("pk"), actions_done=Count("pk", filter=Q(status=Action.Status.DONE))
    )
    return figures | {"sessions": held.count(), "present": attendance.count()}
