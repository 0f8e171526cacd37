"""What is new in the briefings for a person (see hub/core/whats_new.py for the contract).

Pages go through ``briefings.queries`` (``visible_to(person)``); the digest's candidates are
every live briefing first published in the period, and each member's own ``can_view`` decides.
"""

from hub.core import text_search
from hub.core.index_urls import index_url
from hub.core.whats_new import (
    Feed,
    NewThing,
    flag_themes,
    prepare,
    role_class,
    shorten,
)

from .models import BriefingIndexPage, BriefingPage
from .queries import latest_briefings, search_briefings, theme_briefings


def _index_url():
    return index_url(BriefingIndexPage)


def _thing(page):
    return NewThing(
        title=page.title, url=page.get_url() or "", meta=shorten(page.summary), subject=page
    )


class NewBriefings(Feed):
    key = "briefings"
    title = "New briefings"
    page_title = "Latest briefings"
    theme_title = "Briefings"
    search_title = "Briefings"
    intro = "What the partnerships are learning, written up by the programme team."
    noun = ("new briefing", "new briefings")
    more_url = "/briefings/"
    more_label = "All briefings"
    template = "briefings/includes/briefing_list.html"
    page_limit = 3

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        """The newest briefings this person may see, or those on ``theme``."""
        if theme is not None:
            pages = theme_briefings(person, theme, limit=limit or 5)
            url = _index_url()
            section = self.page_section(
                [_thing(p) for p in pages],
                theme=theme,
                more_url=f"{url}?theme={theme.slug}" if url else "",
            )
            if section:
                section.more_label = "All briefings on this theme"
            return section
        pages = latest_briefings(person, since=since, limit=None if until else limit)
        if until is not None:
            pages = [p for p in pages if p.first_published_at and p.first_published_at < until]
            pages = pages[:limit] if limit else pages
        return self.page_section([_thing(p) for p in pages], more_url=_index_url() or "")

    def in_themes(self, person, theme_ids, *, since, pool):
        """Of the ``pool`` newest briefings since ``since`` (``latest_briefings``' order),
        those in ``theme_ids``."""
        pages = flag_themes(
            BriefingPage.objects.visible_to(person)
            .filter(first_published_at__gt=since)
            .order_by("-publication_date", "-first_published_at", "-pk"),
            theme_ids,
        )
        return [_thing(p) for p in pages[:pool] if p.in_themes]

    def search(self, person, query):
        pages = search_briefings(person, query)
        section = self.page_section([_thing(p) for p in pages], more_url="")
        if section:
            section.title = self.search_title
        return section

    def similar_titles(self, person, query):
        return text_search.similar_titles(BriefingPage.objects.visible_to(person), "title", query)

    def candidates(self, period):
        # Every live briefing of the period, for any audience: can_view decides per member.
        pages = (
            BriefingPage.objects.live()
            .filter(first_published_at__gt=period.start, first_published_at__lt=period.end)
            .prefetch_related("themes")
            .order_by("-publication_date", "-first_published_at", "-pk")
        )
        return prepare(list(pages), _thing)

    def for_member(self, person, candidates, context):
        return [
            self.themed(context, page, -page.first_published_at.timestamp())
            for page in candidates
            if page.can_view(person)
        ]

    def group_key(self, person, candidates, context):
        return (role_class(person), frozenset(context.theme_ids))
