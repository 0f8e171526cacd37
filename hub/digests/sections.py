"""The contract between the digest and the content apps.

A digest section is a *provider*: a small class named here by import path. For each batch of
members the digest calls, once per batch and whatever the batch's size:

``provider.candidates(period, viewer)``
    every item any member might be shown for this period (one or two queries), usually the
    content app's own query function asked on behalf of ``viewer``, a stand-in who belongs
    to every partnership and group (see ``broad_viewer``), and

``provider.prefetch(members, candidates)``
    what the provider needs to know about these members in bulk (registrations, follows...),

and then, for each member, with no queries at all:

``provider.for_member(member, candidates, context)``
    the member's items: filtered with the content's own ``can_view(member)`` (query-free once
    ``roles.warm_roles`` has run), so a digest never shows what the page would not.

The list is in the order sections appear; a content app that has not landed is simply not
listed. Providers that only partnership leads get set ``leads_only = True``.
"""

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

DIGEST_SECTIONS = [
    "hub.digests.providers.questions.AnswersToFollowedQuestions",
    "hub.digests.providers.events.UpcomingEvents",
    "hub.digests.providers.learning_sets.NextSetSession",
    "hub.digests.providers.briefings.NewBriefings",
    "hub.digests.providers.library.NewResources",
    "hub.digests.providers.questions.NewQuestions",
    "hub.digests.providers.questions.UnansweredQuestions",
    "hub.digests.providers.people.NewPartnershipMembers",
    "hub.digests.providers.partnership.PartnershipSummary",
]


@dataclass(frozen=True)
class Period:
    """What a digest covers: [start, end) in local dates, with their aware datetimes."""

    frequency: str
    start_date: date
    end_date: date
    start: datetime
    end: datetime


@dataclass
class DigestItem:
    """One line of a digest. ``url`` and ``action_url`` may be paths: templates make them
    absolute."""

    title: str
    url: str = ""
    meta: str = ""
    status: str = ""
    action_label: str = ""
    action_url: str = ""
    # Items that match the member's themes come first (see SectionProvider.rank).
    rank: tuple = ()


@dataclass
class DigestSection:
    key: str
    title: str
    items: list[DigestItem]
    intro: str = ""
    more_url: str = ""
    count_phrase: str = ""


@dataclass
class MemberContext:
    """What a provider knows about the batch when it builds one member's items."""

    period: Period
    data: object = None
    # The partnerships this member leads, and the themes they follow.
    led_partnership_ids: set = field(default_factory=set)
    theme_ids: set = field(default_factory=set)


class SectionProvider:
    """Base class for a digest section. Subclasses override the three hooks."""

    key = ""
    title = ""
    intro = ""
    # For the subject line: ("new briefing", "new briefings").
    noun = ("item", "items")
    leads_only = False
    limit = 5
    more_url = ""

    def candidates(self, period, viewer):
        """Everything any member might see for this period. Runs once per batch."""
        return []

    def prefetch(self, members, candidates):
        """Bulk facts about these members that ``for_member`` needs. Runs once per batch."""
        return None

    def for_member(self, member, candidates, context):
        """This member's items, in Python only (no queries)."""
        return []

    def section_for(self, member, candidates, context):
        items = self.for_member(member, candidates, context)
        if not items:
            return None
        items = heapq.nsmallest(self.limit, items, key=lambda item: item.rank)
        for item in items:
            # Every link in an email is absolute.
            item.url = absolute_url(item.url)
            item.action_url = absolute_url(item.action_url)
        singular, plural = self.noun
        return DigestSection(
            key=self.key,
            title=self.title,
            intro=self.intro,
            items=items,
            more_url=absolute_url(self.more_url),
            count_phrase=f"{len(items)} {singular if len(items) == 1 else plural}",
        )

    @staticmethod
    def theme_rank(member_theme_ids, item_theme_ids):
        """0 for an item in one of the member's themes, 1 otherwise (so they come first)."""
        return 0 if member_theme_ids & set(item_theme_ids) else 1


def broad_viewer():
    """An unsaved stand-in who may see whatever any member may see, for candidate queries.

    It belongs to every partnership and group, so ``visible_to(viewer)`` is a superset of every
    member's view; each member's own ``can_view`` then decides. Two queries.
    """
    from django.contrib.auth.models import Group

    from hub.people.models import Partnership, User

    viewer = User(
        email="digest-candidates@invalid",
        display_name="Digest",
        is_active=True,
        is_approved=True,
        is_superuser=True,
    )
    viewer._hub_partnership_ids = set(Partnership.objects.values_list("pk", flat=True))
    groups = list(Group.objects.values_list("pk", "name"))
    viewer._hub_group_ids = {pk for pk, _ in groups}
    viewer._hub_group_names = {name for _, name in groups}
    return viewer


@cache
def _load(paths):
    return tuple(import_string(path)() for path in paths)


def providers():
    """The section providers, in the order their sections appear."""
    return _load(tuple(DIGEST_SECTIONS))


def member_choosable_sections(is_lead):
    """(key, title) of the sections a person may switch on or off on the preferences page."""
    return [(p.key, p.title) for p in providers() if is_lead or not p.leads_only]


def when(moment, *, with_time=True):
    """'Tuesday 1 December, 10:00' in London time, for digest lines."""
    from zoneinfo import ZoneInfo

    from django.utils import dateformat, timezone

    local = timezone.localtime(moment, ZoneInfo("Europe/London"))
    return dateformat.format(local, "l j F, H:i" if with_time else "l j F")


def shorten(text, length=160):
    """The first ``length`` characters of plain text, cut at a word."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"


def absolute_url(path):
    """An absolute link for an email ('' stays '')."""
    if not path or path.startswith(("http://", "https://", "mailto:")):
        return path
    return f"{settings.HUB_BASE_URL}{path}"
