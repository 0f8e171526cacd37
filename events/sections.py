"""The events slots on the home page, theme pages and site search (see hub/core/sections.py)."""

from events.models import EventIndexPage
from events.queries import registration_statuses, search_events, upcoming_events

LIST_TEMPLATE = "events/includes/event_list.html"


def _index_url():
    index = EventIndexPage.objects.live().first()
    return index.url if index else None


def with_statuses(user, events):
    """Attach ``viewer_status`` ("registered", "waitlisted" or None) to each event."""
    statuses = registration_statuses(user, events)
    for event in events:
        event.viewer_status = statuses.get(event.pk)
    return events


def upcoming_events_section(user):
    """The home page's "Coming up" slot: places left and the viewer's own status."""
    events = with_statuses(user, upcoming_events(user, limit=5))
    if not events:
        return None
    return {
        "title": "Coming up",
        "items": events,
        "template": LIST_TEMPLATE,
        "more_url": _index_url(),
        "more_label": "See all events",
    }


def theme_events_section(user, theme):
    events = with_statuses(user, upcoming_events(user, limit=5, theme=theme))
    if not events:
        return None
    return {
        "title": "Coming up on this theme",
        "items": events,
        "template": LIST_TEMPLATE,
        "more_url": _index_url(),
    }


def search_events_section(user, query):
    events = search_events(user, query)
    if not events:
        return None
    return {
        "title": "Events",
        "items": with_statuses(user, events),
        "template": LIST_TEMPLATE,
        "more_url": None,
    }
