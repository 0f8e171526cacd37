"""One search for the whole hub: each content app adds its section (hub.core.whats_new.SEARCH)."""

from django.shortcuts import render

from hub.core.whats_new import search_sections

MAX_QUERY_LENGTH = 200


def site_search(request):
    """Results grouped by kind; every section filters by ``visible_to`` for the searcher."""
    # A NUL byte cannot go into a PostgreSQL query (or SQLite's LIKE): drop control characters.
    raw = request.GET.get("q", "")
    query = "".join(c for c in raw if c.isprintable() or c.isspace()).strip()[:MAX_QUERY_LENGTH]
    sections = search_sections(request.user, query) if query else []
    return render(request, "core/search.html", {"query": query, "sections": sections})
