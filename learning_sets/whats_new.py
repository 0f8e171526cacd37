"""When your own action learning set meets next: the date, and nothing else (see
hub/core/whats_new.py for the contract).

Only the set's own people (current members and its facilitators, ``roles.set_ids_of``) get
this section, on the home page and in the digest alike, and it is the only place a set session
is listed outside the set: programme-wide lists leave them out (events.whats_new). Nothing
about who presents or what about ever leaves the set's space.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from hub.core import text_search
from hub.core.whats_new import Feed, NewThing, shorten, when
from hub.people import roles
from learning_sets.models import LearningSet, SetSession


def _thing(set_name, starts_at):
    # Named, so that someone in two sets knows which meets: the name is all that leaves the
    # set (never who presents or what about), and the signed-in page says the same.
    return NewThing(
        title=f"{set_name} meets on {when(starts_at, with_time=False)}",
        rank=(starts_at.timestamp(),),
        subject=(set_name, starts_at),
    )


def _next_per_set(sessions, own_set_ids):
    """The first session of each of ``own_set_ids`` in ``sessions`` (sorted by start)."""
    seen = set()
    items = []
    for set_id, set_name, starts_at in sessions:
        if set_id in own_set_ids and set_id not in seen:
            seen.add(set_id)
            items.append(_thing(set_name, starts_at))
    return items


class NextSetSession(Feed):
    key = "learning_set"
    title = "Your action learning set"
    noun = ("learning set date", "learning set dates")
    template = "learning_sets/includes/next_sessions.html"
    more_label = "Go to your sets"
    # My hub's empty state.
    empty = "You are not in an action learning set."
    empty_url = "/learning-sets/"
    empty_label = "Find out about learning sets"
    page_limit = 3
    # Sets meet every four to eight weeks: look this far ahead.
    within_days = 60

    def _sessions(self, start, set_ids=None):
        sessions = SetSession.objects.filter(
            starts_at__gte=start, starts_at__lt=start + timedelta(days=self.within_days)
        )
        if set_ids is not None:
            sessions = sessions.filter(learning_set_id__in=set_ids)
        return list(
            sessions.order_by("starts_at").values_list(
                "learning_set_id", "learning_set__name", "starts_at"
            )
        )

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        """The next session of each of this person's sets, from ``since`` (now)."""
        if theme is not None:
            return None
        ids = roles.set_ids_of(person)
        if not ids:
            return None
        items = _next_per_set(self._sessions(since or timezone.now(), ids), ids)
        return self.section(
            items, limit=limit or self.page_limit, more_url=reverse("learning_sets:list")
        )

    def candidates(self, period):
        # Every set's coming sessions: each member keeps only their own sets'.
        return self._sessions(period.end)

    def for_member(self, person, candidates, context):
        return _next_per_set(candidates, roles.set_ids_of(person))

    def group_key(self, person, candidates, context):
        return frozenset(roles.set_ids_of(person))


class LearningSets(Feed):
    """Site search only: sets' basics (name and purpose) as ``LearningSet.visible_to``
    allows (forming sets for members, and a person's own sets). A person's own sets show
    when they next meet; nobody else learns a set's dates."""

    key = "learning_sets"
    title = search_title = "Action learning sets"
    noun = ("learning set", "learning sets")
    template = "learning_sets/includes/set_results.html"

    def search(self, person, query):
        sets = list(
            text_search.matching(
                LearningSet.objects.visible_to(person),
                query,
                fields=("name", "purpose"),
                then=("name",),
            )[:5]
        )
        if not sets:
            return None
        own = roles.set_ids_of(person) & {s.pk for s in sets}
        next_dates = {}
        if own:
            for set_id, starts_at in (
                SetSession.objects.filter(learning_set_id__in=own, starts_at__gte=timezone.now())
                .order_by("starts_at")
                .values_list("learning_set_id", "starts_at")
            ):
                next_dates.setdefault(set_id, starts_at)
        items = []
        for found in sets:
            found.next_meets = next_dates.get(found.pk)
            found.is_own = found.pk in own
            meets = f"Your set meets on {when(found.next_meets)}" if found.next_meets else ""
            items.append(
                NewThing(
                    title=found.name,
                    url=found.get_absolute_url(),
                    meta=meets or shorten(found.purpose, 120),
                    subject=found,
                )
            )
        return self.search_section(
            items, more_url=reverse("learning_sets:list"), more_label="All learning sets"
        )

    def similar_titles(self, person, query):
        return text_search.similar_titles(LearningSet.objects.visible_to(person), "name", query)
