"""One search for the whole hub: each content app adds its section (hub.core.whats_new.SEARCH).

When a search finds little, the words are checked for typing mistakes against the titles
the searcher may see (``hub.core.text_search.correct``): with nothing found, the page shows
the corrected search's results ("Showing results for ..."); with a few, it offers the
correction ("Did you mean ...?").
"""

from django.shortcuts import render

from hub.core import text_search
from hub.core.whats_new import search_sections, search_titles

MAX_QUERY_LENGTH = 200


def _found(sections):
    return sum(len(section.items) for section in sections)


def site_search(request):
    """Results grouped by kind; every section filters by ``visible_to`` for the searcher."""
    # A NUL byte cannot go into a PostgreSQL query (or SQLite's LIKE): drop control characters.
    raw = request.GET.get("q", "")
    query = "".join(c for c in raw if c.isprintable() or c.isspace()).strip()[:MAX_QUERY_LENGTH]
    sections = search_sections(request.user, query) if query else []
    showing_for = suggestion = None
    if query and _found(sections) < text_search.FEW:
        corrected = text_search.correct(query, search_titles(request.user, query))
        if corrected:
            if sections:
                suggestion = corrected
            else:
                sections = search_sections(request.user, corrected)
                showing_for = corrected if sections else None
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "sections": sections,
            "showing_for": showing_for,
            "suggestion": suggestion,
        },
    )
