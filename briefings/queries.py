"""What is new in the briefings for one person: the home page, themes and the digest use these."""

from hub.core import text_search
from hub.core.page_urls import share_root_paths

from .models import BriefingPage, BriefingResponse


def latest_briefings(user, since=None, limit=5):
    """The newest briefings this person may see, newest first (published after ``since``)."""
    briefings = BriefingPage.objects.visible_to(user)
    if since is not None:
        briefings = briefings.filter(first_published_at__gt=since)
    briefings = briefings.prefetch_related("themes").order_by(
        "-publication_date", "-first_published_at", "-pk"
    )
    return list(briefings[:limit]) if limit else list(briefings)


def theme_briefings(user, theme, limit=5):
    """Briefings on one theme that this person may see."""
    return list(
        BriefingPage.objects.visible_to(user)
        .filter(themes=theme)
        .prefetch_related("themes")
        .order_by("-publication_date", "-pk")[:limit]
    )


def search_briefings(user, query, limit=10):
    """The briefings this person may see that match ``query``, best first
    (``hub.core.text_search``: title, then summary, then body). Their themes are not read:
    a search result shows none, and prefetching them was a query for nothing."""
    found = text_search.matching(
        BriefingPage.objects.visible_to(user),
        query,
        fields=("title", "summary", "body"),
        then=("-publication_date", "-pk"),
    )
    return share_root_paths(list(found[:limit]))


def responses_for_harvest(user, *, since, until, theme=None):
    """Responses to prompts for the learning team's harvest: what ``user`` may see, shared
    with the whole programme (never a partnership-only one), made between since and until."""
    responses = BriefingResponse.objects.visible_to(user).filter(
        partnership__isnull=True, created_at__gte=since, created_at__lte=until
    )
    if theme is not None:
        responses = responses.filter(
            page_id__in=BriefingPage.themes.through.objects.filter(theme=theme).values(
                "briefingpage_id"
            )
        )
    return list(responses.select_related("author", "page").order_by("-created_at", "-pk"))
