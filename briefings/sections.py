"""The briefings' sections for the home page, theme pages and site search (hub.core.sections)."""

from .models import BriefingIndexPage
from .queries import latest_briefings, search_briefings, theme_briefings

TEMPLATE = "briefings/includes/briefing_list.html"


def _index_url():
    index = BriefingIndexPage.objects.live().first()
    return index.url if index else None


def latest_briefings_section(user):
    """The home page's "latest briefings" slot."""
    items = latest_briefings(user, limit=3)
    if not items:
        return None
    return {
        "title": "Latest briefings",
        "items": items,
        "template": TEMPLATE,
        "more_url": _index_url(),
        "more_label": "All briefings",
    }


def theme_briefings_section(user, theme):
    items = theme_briefings(user, theme)
    if not items:
        return None
    url = _index_url()
    return {
        "title": "Briefings",
        "items": items,
        "template": TEMPLATE,
        "more_url": f"{url}?theme={theme.slug}" if url else None,
        "more_label": "All briefings on this theme",
    }


def search_briefings_section(user, query):
    items = search_briefings(user, query)
    if not items:
        return None
    return {"title": "Briefings", "items": items, "template": TEMPLATE, "more_url": None}
