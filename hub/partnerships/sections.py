"""Sections about a partnership that other apps' pages show: the partnership page (in the
core, through ``hub.people.partnership_page``) and the space (``hub.partnerships.space``).

Everything goes through the owning app's query (``visible_to``), so no section shows what
that app's own pages would not.
"""

from events import queries as events_queries
from hub.library import queries as library_queries
from hub.partnerships import services
from hub.partnerships.models import Thread
from hub.people import roles

LIMIT = 6


def shared_resources(viewer, partnership):
    """What the partnership has shared that the viewer may see."""
    items = list(library_queries.library_resources(viewer, partnership=partnership)[:LIMIT])
    return {
        "title": "What they have shared",
        "template": "library/includes/resource_list.html",
        "items": items,
        "empty": f"{partnership.name} has not shared anything you can see yet.",
    }


def hosted_events(viewer, partnership):
    """Events the partnership hosts, still to come, that the viewer may see."""
    events = events_queries.upcoming_in(
        events_queries.visible_events(viewer).filter(hosting_partnership=partnership)
    )
    return {
        "title": "Events they host",
        "template": "events/includes/event_list.html",
        "items": list(events[:LIMIT]),
        "empty": "No events hosted by them are coming up.",
    }


def noticeboard(viewer, partnership):
    """A way into the space for its people; for the programme team, how busy it is."""
    is_own = services.is_in(viewer, partnership)
    if not (is_own or roles.is_programme_team(viewer)):
        return None
    return {
        "title": "Partnership space",
        "template": "partnerships/includes/space_teaser.html",
        "partnership": partnership,
        "is_own": is_own,
        "counts": None if is_own else services.activity_counts(partnership),
        "threads": (
            # Each card names its author and links through its partnership's address.
            list(
                Thread.objects.visible_to(viewer)
                .filter(partnership=partnership)
                .select_related("author", "partnership")[:3]
            )
            if is_own
            else []
        ),
    }


def own_resources(viewer, partnership):
    """In the space: what the partnership keeps for itself and has shared."""
    section = shared_resources(viewer, partnership)
    section["title"] = "Our resources"
    section["empty"] = "Nothing shared yet. Share a resource from the library."
    return section


PUBLIC_SECTIONS = [noticeboard, shared_resources, hosted_events]


def public_sections(viewer, partnership):
    return [s for section in PUBLIC_SECTIONS if (s := section(viewer, partnership)) is not None]
