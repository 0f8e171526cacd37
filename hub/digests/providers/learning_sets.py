"""When the member's own action learning set meets next: the date, and nothing else.

``learning_sets.queries.next_sessions(user)`` answers this for one person with a query each;
here the same rule (current members and the set's facilitators, as ``roles.set_ids_of``) is
answered for the whole batch at once from the learning sets' public models.
"""

from collections import defaultdict
from datetime import timedelta

from hub.digests.sections import DigestItem, SectionProvider, when
from hub.people import roles
from learning_sets.models import LearningSet, SetMembership, SetSession


def warm_set_ids(members):
    """What ``roles.set_ids_of`` caches on each person, for a batch in two queries."""
    members = [m for m in members if not hasattr(m, "_hub_set_ids")]
    if not members:
        return
    ids = [m.pk for m in members]
    sets = defaultdict(set)
    for person_id, set_id in SetMembership.objects.filter(
        person_id__in=ids, left_at__isnull=True
    ).values_list("person_id", "learning_set_id"):
        sets[person_id].add(set_id)
    for person_id, set_id in LearningSet.facilitators.through.objects.filter(
        user_id__in=ids
    ).values_list("user_id", "learningset_id"):
        sets[person_id].add(set_id)
    for member in members:
        member._hub_set_ids = sets[member.pk] if roles.is_member(member) else set()


class NextSetSession(SectionProvider):
    key = "learning_set"
    title = "Your action learning set"
    noun = ("learning set date", "learning set dates")
    within_days = 60

    def candidates(self, period, viewer):
        # Only the set and the date leave the set's space: never who presents or what about.
        return list(
            SetSession.objects.filter(
                starts_at__gte=period.end,
                starts_at__lt=period.end + timedelta(days=self.within_days),
            )
            .order_by("starts_at")
            .values_list("learning_set_id", "starts_at")
        )

    def prefetch(self, members, candidates):
        warm_set_ids(members)

    def for_member(self, member, candidates, context):
        own = member._hub_set_ids
        seen = set()
        items = []
        for set_id, starts_at in candidates:
            if set_id in own and set_id not in seen:
                seen.add(set_id)
                items.append(
                    DigestItem(
                        title=f"Your set meets on {when(starts_at, with_time=False)}",
                        rank=(starts_at.timestamp(),),
                    )
                )
        return items
