"""One search for the whole hub: each content app adds its section (hub.core.whats_new.SEARCH)."""

from django.shortcuts import render

from hub.core.whats_new import search_sections

MAX_QUERY_LENGTH = 200


def site_search(request):
    """Results grouped by kind; every section filters by ``visible_to`` for the searcher."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    sections = search_sections(request.user, query) if query else []
    return render(request, "core/search.html", {"query": query, "sections": sections})
