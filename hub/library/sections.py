"""The library's slots on the home page, theme pages and the site search (see hub.core.sections)."""

from urllib.parse import urlencode

from django.urls import reverse

from hub.library import queries

TEMPLATE = "library/includes/resource_list.html"


def new_in_library_section(user):
    """Home page: "New in the library" (the newest few this person may see)."""
    items = queries.new_resources(user, limit=5)
    if not items:
        return None
    return {
        "title": "New in the library",
        "items": items,
        "template": TEMPLATE,
        "more_url": reverse("library:list"),
        "more_label": "Browse the library",
    }


def theme_resources_section(user, theme):
    """Theme page: resources on this theme, most useful first."""
    items = queries.resources_on_theme(user, theme, limit=5)
    if not items:
        return None
    return {
        "title": "Resources",
        "items": items,
        "template": TEMPLATE,
        "more_url": f"{reverse('library:list')}?{urlencode({'theme': theme.slug})}",
        "more_label": "All resources on this theme",
    }


def search_resources_section(user, query):
    """Site search: resources matching ``query`` that this person may see."""
    if not query:
        return None
    results = queries.search_resources(user, query)
    items = list(results[:5])
    if not items:
        return None
    return {
        "title": "Resources",
        "items": items,
        "template": TEMPLATE,
        "more_url": f"{reverse('library:list')}?{urlencode({'q': query})}",
        "more_label": "All matching resources",
    }
