"""What the learning loop gives the learning team's harvest: only what partnerships chose to
share with the programme. An unshared meeting or post never appears here, even to the
facilitator who is in the room (the harvest is for writing briefings for everyone)."""

from django.utils import timezone

from hub.learning.models import ReflectionMeeting, WentWell


def shared_reflections(user, *, since, until):
    """Reflection meetings whose summary the partnership shared, held between since and until."""
    return list(
        ReflectionMeeting.objects.visible_to(user)
        .filter(
            summary_shared_at__isnull=False,
            held_on__gte=timezone.localdate(since),
            held_on__lte=timezone.localdate(until),
        )
        .exclude(summary="")
        .select_related("framework__partnership")
        .order_by("-held_on", "-pk")
    )


def shared_went_well(user, *, since, until):
    """ "What went well" posts a partnership shared with the programme, between since and until."""
    return list(
        WentWell.objects.visible_to(user)
        .shared()
        .filter(shared_at__gte=since, shared_at__lte=until)
        .select_related("partnership")
        .order_by("-shared_at", "-pk")
    )
