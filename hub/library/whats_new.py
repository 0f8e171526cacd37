"""What is new in the shared library for a person (see hub/core/whats_new.py for the contract).

Pages go through ``hub.library.queries`` (``visible_to(person)``); the digest's candidates
are every live resource shared in the period, and each member's ``can_view`` decides.
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from hub.core import text_search
from hub.core.whats_new import (
    Feed,
    NewThing,
    batch_read,
    flag_themes,
    lead_update,
    meta_line,
    prepare,
    role_class,
    shorten,
    sitting,
)
from hub.library import queries
from hub.library.models import Resource
from hub.people import roles


def _my_hub_rows(person, moments):
    """The resources My hub's two library blocks show, in one read a request: the ``pool``
    newest since ``new_since`` (new in your themes) and what the person's partnerships shared
    since ``week_start`` (your partnership this week), each flagged ``in_themes``, newest
    first. Past the pool's newest only the partnership's rows are added, and those are older
    than all of the pool, so the pool is still the first ``pool`` rows since ``new_since``."""

    def read():
        newest = queries.new_resources(person, since=moments["new_since"], limit=None)
        shared = Q(
            partnership_id__in=roles.partnership_ids_of(person),
            created_at__gt=moments["week_start"],
        )
        rows = (
            Resource.objects.visible_to(person)
            .filter(Q(pk__in=newest.values("pk")[: moments["pool"]]) | shared)
            .select_related("partnership", "shared_by")
            .order_by("-created_at", "-id")
        )
        return list(flag_themes(rows, roles.theme_ids_of(person)))

    return roles.cached(person, "library.my_hub_rows", read)


def _thing(resource):
    return NewThing(
        title=resource.title,
        url=resource.get_absolute_url(),
        meta=meta_line(
            resource.get_resource_type_display(),
            resource.partnership.name if resource.partnership else "",
            shorten(resource.description, 120),
        ),
        subject=resource,
    )


def shared_in(period):
    """Every live resource shared in ``period``, whoever may see it, newest first, each with
    its NewThing (``whats_new_thing``) and theme ids: once per digest batch, which the
    partnership summary shares (``batch_read``). Treat the list as read-only."""

    def read():
        resources = (
            Resource.objects.live()
            .filter(created_at__gt=period.start, created_at__lt=period.end)
            .select_related("partnership", "shared_by")
            .prefetch_related("themes")
            .order_by("-created_at", "-id")
        )
        return prepare(list(resources), _thing)

    return batch_read(("library.shared_in", period), read)


class NewResources(Feed):
    key = "resources"
    title = "New in the library"
    theme_title = "Resources"
    search_title = "Resources"
    intro = "Shared by other partnerships; those in your themes come first."
    noun = ("new resource", "new resources")
    more_url = "/library/"
    template = "library/includes/resource_list.html"

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        """The newest resources this person may see; on a theme, the most useful first."""
        if theme is not None:
            items = queries.resources_on_theme(person, theme, limit=limit or 5)
            section = self.page_section(
                [_thing(r) for r in items],
                theme=theme,
                more_url=f"{reverse('library:list')}?{urlencode({'theme': theme.slug})}",
            )
            if section:
                section.more_label = "All resources on this theme"
            return section
        items = queries.new_resources(person, since=since, limit=None if until else limit)
        if until is not None:
            items = [r for r in items if r.created_at < until][:limit]
        section = self.page_section([_thing(r) for r in items], more_url=reverse("library:list"))
        if section:
            section.more_label = "Browse the library"
        return section

    def in_themes(self, person, theme_ids, *, since, pool):
        """Of the ``pool`` newest resources since ``since`` (as ``for_person``), those in
        ``theme_ids``."""
        moments = sitting(person)
        same = moments and (moments["new_since"], moments["pool"]) == (since, pool)
        if same and set(theme_ids) == set(roles.theme_ids_of(person)):
            found = [r for r in _my_hub_rows(person, moments) if r.created_at > since]
        else:
            found = flag_themes(queries.new_resources(person, since=since, limit=None), theme_ids)
        return [_thing(r) for r in found[:pool] if r.in_themes]

    def search(self, person, query):
        """Resources matching ``query`` that this person may see."""
        if not query:
            return None
        # One-line results: no themes (a resource card shows them; a search line does not).
        items = list(queries.search_resources(person, query).prefetch_related(None)[:5])
        section = self.page_section(
            [_thing(r) for r in items],
            more_url=f"{reverse('library:list')}?{urlencode({'q': query})}",
        )
        if section:
            section.title = self.search_title
            section.more_label = "All matching resources"
        return section

    def similar_titles(self, person, query):
        return text_search.similar_titles(Resource.objects.visible_to(person), "title", query)

    profile_title = "Shared in the library"

    def by_person(self, viewer, person, *, limit=5):
        """What ``person`` shared that ``viewer`` may see, newest first."""
        items = (
            Resource.objects.visible_to(viewer)
            .filter(shared_by=person)
            .select_related("partnership")
            .order_by("-created_at", "-id")[:limit]
        )
        return self.section(
            [_thing(r) for r in items],
            title=self.profile_title,
            limit=limit,
            more_url="",
            ranked=False,
        )

    def candidates(self, period):
        return shared_in(period)

    def for_member(self, person, candidates, context):
        own = roles.partnership_ids_of(person)
        return [
            self.themed(context, r, -r.created_at.timestamp())
            for r in candidates
            if r.can_view(person) and r.partnership_id not in own
        ]

    def group_key(self, person, candidates, context):
        # Their own partnerships are part of the role class.
        return (role_class(person), frozenset(context.theme_ids))


class PartnershipShares(Feed):
    """For a partnership lead's summary (hub.core.whats_new_partnership): what their
    partnership shared this period."""

    key = "partnership_resources"

    def candidates(self, period):
        return shared_in(period)

    def candidates_for(self, person, period, partnership_ids):
        """What ``partnership_ids`` shared in ``period`` (no themes: a lead's lines are not
        ranked by them)."""
        moments = sitting(person)
        own = set(roles.partnership_ids_of(person))
        if moments and moments["week_start"] == period.start and set(partnership_ids) <= own:
            resources = [
                r
                for r in _my_hub_rows(person, moments)
                if r.partnership_id in partnership_ids and r.created_at < period.end
            ]
            return prepare(resources, _thing, themes=False)
        resources = list(
            Resource.objects.live()
            .filter(
                created_at__gt=period.start,
                created_at__lt=period.end,
                partnership_id__in=partnership_ids,
            )
            .select_related("partnership", "shared_by")
            .order_by("-created_at", "-id")
        )
        return prepare(resources, _thing, themes=False)

    def for_member(self, person, candidates, context):
        led = context.led_partnership_ids
        return [
            lead_update(
                r,
                f"{r.shared_by.display_name if r.shared_by else 'Someone'} shared “{r.title}”",
                r.whats_new_thing.url,
                r.created_at,
            )
            for r in candidates
            if r.partnership_id in led and r.can_view(person)
        ]

    def group_key(self, person, candidates, context):
        return role_class(person)
