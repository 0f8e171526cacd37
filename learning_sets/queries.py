"""What the digest and home page may say about learning sets: when your set meets. Nothing else."""

from django.utils import timezone

from hub.people import roles
from learning_sets.models import SetSession


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
