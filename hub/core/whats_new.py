"""What is new for this person: the one contract between the hub's composers (the home page,
theme pages, site search, the digest, and later My hub and notifications) and the content apps
(see ARCHITECTURE.md, "what is new for this person").

The types
---------
:class:`NewThing`
    one line on a list: a briefing, an event, a resource, a question, an answer, a set date.
    ``title``, ``url``, ``meta``, ``status`` and an optional action are what an email or a
    notification says; ``subject`` is the object itself, for page templates that show more.
:class:`Section`
    a titled list of NewThings with its "see more" link and, for pages, the template that
    renders ``section.objects`` (the subjects).
:class:`Period`
    what a digest covers, ``[start, end)``.
:class:`Feed`
    one kind of list from one content app. Each content app has ONE module, ``whats_new.py``,
    holding its feeds; a feed answers:

    ``for_person(person, *, since=None, until=None, limit=None, theme=None)``
        a :class:`Section` (or ``None`` when there is nothing) for one person: the home page
        and theme pages call this. Everything in it passes ``visible_to(person)``.
    ``search(person, query)``
        a :class:`Section` of matches for site search (``None`` if the feed is not searchable).
    ``for_people(people, period)``
        ``{person id: Section}`` for a batch (the digest), in a fixed number of queries
        whatever the number of people: it calls, once per batch, ``candidates(period)`` (every
        item any member could be shown: an explicit query on the app's own models, with no
        viewer) and ``prefetch(people, candidates)`` (bulk facts such as registrations), then
        ``for_member(person, candidates, context)`` per person with no queries at all:
        filtering by each item's own ``can_view(person)``, query-free once ``roles.warm`` has
        run. So a digest never shows what the page would not. A feed whose section depends
        only on what :meth:`Feed.group_key` names (a person's :func:`role_class`, themes...)
        says so, and ``for_member`` then runs once per group of people, not per person.

    A feed's rules (what counts as new, what is never listed) are written once, in its app's
    module, and both forms use them.

Adding a new kind of content
----------------------------
Write ``<app>/whats_new.py`` with a :class:`Feed` subclass (its ``for_person``, ``candidates``
and ``for_member``, and ``search`` if it is searchable) and a page template for its items, then
add its import path to the lists below where it should appear (``HOME``, ``THEME``, ``SEARCH``,
``DIGEST``). In ``candidates``, :func:`prepare` gives each item its NewThing and theme ids
once per batch; in ``for_member``, :meth:`Feed.themed` ranks it for the person (their themes
first), and :func:`lead_update` makes a line of a lead's partnership summary. The core never
imports the app: paths are resolved when called, so an app that is not installed simply leaves
its section out.
"""

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from django.utils.module_loading import import_string

from hub.core.clock import SITE_TIME_ZONE
from hub.core.feed_parts import (  # noqa: F401 - feeds import these from here
    batch_read,
    begin_sitting,
    flag_themes,
    meta_line,
    one_batch,
    prepare,
    role_class,
    shorten,
    sitting,
    when,
)
from hub.people import roles

# Where each feed appears, in order.
HOME = [
    "hub.library.whats_new.NewResources",
    "briefings.whats_new.NewBriefings",
    "hub.questions.whats_new.UnansweredQuestions",
    "events.whats_new.ComingUp",
    "learning_sets.whats_new.NextSetSession",
    "hub.partnerships.whats_new.PartnershipNoticeboard",
]

THEME = [
    "hub.library.whats_new.NewResources",
    "briefings.whats_new.NewBriefings",
    "hub.questions.whats_new.NewQuestions",
    "events.whats_new.ComingUp",
]

# Learning set content is never searchable: only a set's basics (name, purpose), as
# LearningSet.visible_to allows, and its dates for its own people.
SEARCH = [
    "hub.library.whats_new.NewResources",
    "briefings.whats_new.NewBriefings",
    "hub.questions.whats_new.NewQuestions",
    "events.whats_new.ComingUp",
    "events.whats_new.TopicIdeas",
    "learning_sets.whats_new.LearningSets",
    "hub.people.whats_new.People",
]

# My hub, the signed-in home (hub.core.my_hub): what matters to this person, in order. Every
# block is shown, with its feed's ``empty`` words when it has nothing.
MY_HUB = [
    "events.whats_new.MyEvents",
    "learning_sets.whats_new.NextSetSession",
    "hub.questions.whats_new.AnswersForYou",
    "hub.questions.whats_new.Mentions",
    "hub.core.whats_new_my_hub.InYourThemes",
    "events.whats_new.SupportedIdeas",
    "hub.core.whats_new_my_hub.PartnershipWeek",
    "hub.learning.whats_new.WhatWentWell",
]

# A profile page: what this person shared and answered, as the viewer may see it.
PROFILE = [
    "hub.library.whats_new.NewResources",
    "hub.questions.whats_new.AnswersForYou",
]

DIGEST = [
    # Answers to followed questions, mentions and the rest, for those who chose the digest.
    "hub.notifications.whats_new.ForYou",
    "events.whats_new.ComingUp",
    "learning_sets.whats_new.NextSetSession",
    "briefings.whats_new.NewBriefings",
    "hub.library.whats_new.NewResources",
    "hub.questions.whats_new.NewQuestions",
    "hub.questions.whats_new.UnansweredQuestions",
    "hub.core.whats_new_partnership.NewPartnershipMembers",
    "hub.partnerships.whats_new.PartnershipNoticeboard",
    "hub.core.whats_new_partnership.PartnershipSummary",
    "hub.learning.whats_new.WhatWentWell",
]

LONDON = SITE_TIME_ZONE  # the site's zone (settings.TIME_ZONE)


@dataclass(frozen=True)
class Period:
    """What a digest covers: [start, end) in local dates, with their aware datetimes."""

    frequency: str
    start_date: date
    end_date: date
    start: datetime
    end: datetime

    @property
    def last_date(self):
        """The last day the period covers (``end_date`` is the send day, not covered)."""
        return self.end_date - timedelta(days=1)


@dataclass
class NewThing:
    """One thing on a person's list. ``url`` and ``action_url`` may be paths: emails make
    them absolute."""

    title: str
    url: str = ""
    meta: str = ""
    status: str = ""
    action_label: str = ""
    action_url: str = ""
    # Lower comes first: things in the person's themes, then by date (see Feed.theme_rank).
    rank: tuple = ()
    # The briefing, event, resource... itself, for page templates.
    subject: object = None


@dataclass
class Section:
    """A titled list of NewThings. Pages include ``template`` with ``items=section.objects``;
    emails render ``items`` themselves."""

    key: str
    title: str
    items: list
    intro: str = ""
    template: str = ""
    more_url: str = ""
    more_label: str = ""
    count_phrase: str = ""

    @property
    def objects(self):
        """The subjects of the items, in order, for page templates."""
        return [item.subject for item in self.items]


@dataclass
class Context:
    """What a feed knows about one person of a batch when it builds their items."""

    period: Period
    data: object = None
    # The partnerships this person leads, and the themes they follow.
    led_partnership_ids: set = field(default_factory=set)
    theme_ids: set = field(default_factory=set)


class Feed:
    """One kind of list from one content app (see the module docstring for the contract)."""

    key = ""
    # The digest's heading, and the page's when ``page_title`` is not set.
    title = ""
    page_title = ""
    theme_title = ""
    search_title = ""
    intro = ""
    # For the digest's subject line: ("new briefing", "new briefings").
    noun = ("item", "items")
    leads_only = False
    # How many a digest section shows, and how many a page section shows.
    limit = 5
    page_limit = 5
    more_url = ""
    more_label = ""
    template = ""
    # My hub: what to say, and where to send the person, when this block has nothing; and
    # whether ``since`` means "since your last visit" (True) or "from now" (False).
    empty = ""
    empty_url = ""
    empty_label = ""
    since_last_visit = False
    # A profile's heading for this feed's ``by_person``.
    profile_title = ""

    # --- one person -------------------------------------------------------------------------

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        """This person's section (``None`` when empty). Override in the app's feed."""
        return None

    def search(self, person, query):
        """Site search matches for this person (``None``: not searchable, or nothing)."""
        return None

    def similar_titles(self, person, query):
        """Titles this person may see with a word close to one of ``query``'s, for "Showing
        results for ..." (``hub.core.text_search.similar_titles`` over ``visible_to``)."""
        return []

    def by_person(self, viewer, person, *, limit=5):
        """What ``person`` shared or wrote that ``viewer`` may see, newest first, for their
        profile (``None``: nothing, or not a profile feed)."""
        return None

    def in_themes(self, person, theme_ids, *, since, pool):
        """My hub's "new in your themes": of the ``pool`` newest things since ``since`` that
        ``person`` may see (what ``for_person`` lists), those in one of ``theme_ids``, as
        NewThings, newest first, in one query (see :func:`flag_themes`). ``None``: not a
        themed feed."""
        return None

    def candidates_for(self, person, period, partnership_ids):
        """The candidates of ``period`` that can concern ``person``, whose ``for_member`` keeps
        those of ``partnership_ids``: My hub's "your partnership this week" runs a digest part
        for one person. By default all of the period's; a part narrows it to what one person
        needs, so a page does not read the whole programme's week."""
        return self.candidates(period)

    # --- many people (the digest) -----------------------------------------------------------

    def candidates(self, period):
        """Everything any member might be shown for this period. Runs once per batch."""
        return []

    def prefetch(self, people, candidates):
        """Bulk facts about these people that ``for_member`` needs. Runs once per batch."""
        return None

    def for_member(self, person, candidates, context):
        """This person's NewThings, in Python only (no queries)."""
        return []

    def group_key(self, person, candidates, context):
        """What this person's section depends on, as a hashable value, or ``None`` (the
        default): a section made for one person is given, as the same object, to everyone
        in the batch with an equal key, so ``for_member`` runs once per key, not per person.

        Return a key only when it holds everything ``for_member`` reads about the person:
        :func:`role_class` for ``can_view`` (which must not look at who they are beyond their
        roles), their themes, their own facts from ``prefetch``, and their id when the feed
        leaves out their own things and they wrote one of the candidates.
        """
        return None

    def for_people(self, people, period, contexts=None):
        """``{person id: Section}`` for everyone in ``people`` who has something.

        ``contexts`` maps person ids to their :class:`Context` (the digest builds them once per
        batch); people missing from it get one from :func:`context_for`. People with the same
        :meth:`group_key` share one section object: treat sections as read-only.
        """
        people = list(people)
        roles.warm(people)
        candidates = self.candidates(period)
        data = self.prefetch(people, candidates)
        sections = {}
        made = {}
        for person in people:
            context = (contexts or {}).get(person.pk) or context_for(person, period)
            context.data = data
            key = self.group_key(person, candidates, context)
            if key is None or key not in made:
                section = self.section(self.for_member(person, candidates, context))
                if key is not None:
                    made[key] = section
            else:
                section = made[key]
            if section is not None:
                sections[person.pk] = section
        return sections

    # --- helpers ----------------------------------------------------------------------------

    def section(self, items, *, title=None, limit=None, more_url=None, ranked=True):
        """A :class:`Section` of the first ``limit`` items by rank (``None`` if empty)."""
        if not items:
            return None
        limit = limit or self.limit
        items = heapq.nsmallest(limit, items, key=lambda item: item.rank) if ranked else items
        singular, plural = self.noun
        return Section(
            key=self.key,
            title=title or self.title,
            intro=self.intro,
            items=items,
            template=self.template,
            more_url=self.more_url if more_url is None else (more_url or ""),
            more_label=self.more_label,
            count_phrase=f"{len(items)} {singular if len(items) == 1 else plural}",
        )

    def page_section(self, items, *, theme=None, more_url=None):
        """A page's section: items in the order given, with the page's title."""
        title = (self.theme_title if theme is not None else "") or self.page_title or self.title
        return self.section(
            items, title=title, limit=len(items) or 1, more_url=more_url, ranked=False
        )

    def search_section(self, items, *, more_url="", more_label=""):
        """Site search's section: items in the order given, under ``search_title``."""
        section = self.page_section(items, more_url=more_url)
        if section:
            section.title = self.search_title or section.title
            section.more_label = more_label
        return section

    @staticmethod
    def theme_rank(person_theme_ids, item_theme_ids):
        """0 for an item in one of the person's themes, 1 otherwise (so they come first)."""
        return 1 if person_theme_ids.isdisjoint(item_theme_ids) else 0

    def themed_rank(self, context, candidate, *order):
        """A prepared candidate's rank for this person: in one of their themes first, then
        by ``order`` (see :func:`prepare`)."""
        return (self.theme_rank(context.theme_ids, candidate.whats_new_theme_ids), *order)

    def themed(self, context, candidate, *order, **changes):
        """A prepared candidate's NewThing, ranked for this person by :meth:`themed_rank`.

        A shallow copy made by hand: this runs for every candidate and every member of a
        digest batch, and ``dataclasses.replace`` (which re-runs ``__init__``) cost a third
        of composing."""
        thing = object.__new__(NewThing)
        thing.__dict__ = {
            **candidate.whats_new_thing.__dict__,
            "rank": self.themed_rank(context, candidate, *order),
            **changes,
        }
        return thing


def lead_update(subject, title, url, happened_at):
    """One line of a partnership lead's summary, earliest first."""
    return NewThing(title=title, url=url, rank=(happened_at.timestamp(),), subject=subject)


def context_for(person, period, theme_ids=None):
    """A person's :class:`Context` (their led partnerships from roles, their themes)."""
    if theme_ids is None:
        theme_ids = set(person.themes.values_list("pk", flat=True)) if person.pk else set()
    return Context(
        period=period,
        led_partnership_ids=set(roles.led_partnership_ids_of(person)),
        theme_ids=theme_ids,
    )


@cache
def _load(paths):
    return tuple(import_string(path)() for path in paths)


def feeds(paths):
    """The feeds named in ``paths`` (one of the lists above), loaded once."""
    return _load(tuple(paths))


def home_sections(person):
    """What the home page shows this person, in order."""
    return [s for f in feeds(HOME) if (s := f.for_person(person, limit=f.page_limit))]


def theme_sections(person, theme):
    """What a theme's page gathers for this person."""
    return [s for f in feeds(THEME) if (s := f.for_person(person, limit=f.page_limit, theme=theme))]


def profile_sections(viewer, person):
    """What a profile page lists of ``person``'s contributions, as ``viewer`` may see them."""
    return [s for f in feeds(PROFILE) if (s := f.by_person(viewer, person))]


def search_sections(person, query):
    """Site search results for this person, grouped by kind (learning set content never)."""
    if not query:
        return []
    return [s for f in feeds(SEARCH) if (s := f.search(person, query))]


def search_titles(person, query):
    """Titles this person may see that are close to ``query`` (for a typo's correction)."""
    return [title for f in feeds(SEARCH) for title in f.similar_titles(person, query)]
