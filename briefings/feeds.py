"""RSS and Atom feeds of public briefings. Built on visible_to(None): never programme-only."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .models import BriefingPage

FEED_LENGTH = 20


class BriefingRssFeed(Feed):
    description = "New thematic briefings from the programme's learning team."

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return f"{self.index_page.title} · The hub"

    def link(self):
        return self.index_page.url

    def items(self):
        # A feed reader is always a visitor: only what the public may see.
        return (
            BriefingPage.objects.visible_to(None)
            .child_of(self.index_page)
            .order_by("-publication_date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return f"{item.series_label}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.publication_date, datetime.time(9, 0))
        )

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.author_credit or None


class BriefingAtomFeed(BriefingRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description
