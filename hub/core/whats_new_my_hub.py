"""My hub's two blocks made of other feeds (see hub/core/whats_new.py for the contract):
what is new in a person's themes since their last visit, and what their partnership did this
week. Both compose feeds by import path, so the core imports no content app, and both use
the feeds' own rules, so My hub never shows what the page or the digest would not.
"""

from dataclasses import replace
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from hub.core.whats_new import (
    Context,
    Feed,
    Period,
    begin_sitting,
    feeds,
    meta_line,
    shorten,
    sitting,
)
from hub.core.whats_new_partnership import NewPartnershipMembers
from hub.people import roles

# The feeds whose new things count as "new in your themes", with a word for each kind.
THEMED = [
    ("hub.library.whats_new.NewResources", "Resource"),
    ("briefings.whats_new.NewBriefings", "Briefing"),
    ("hub.questions.whats_new.NewQuestions", "Question"),
]

# A first visit looks back this far.
FIRST_VISIT_DAYS = 14


class InYourThemes(Feed):
    """New resources, briefings and questions in this person's themes since their last visit,
    newest first, taken from the feeds' own "newest for this person" lists."""

    key = "in_your_themes"
    title = "New in your themes"
    noun = ("new thing", "new things")
    page_limit = 3
    since_last_visit = True
    # How many of each feed's newest are looked at for the person's themes.
    pool = 30
    empty = "Nothing new in your themes since your last visit."
    empty_url = "/profile/"
    empty_label = "Choose the themes you follow"

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        if theme is not None or not roles.is_member(person):
            return None
        theme_ids = roles.theme_ids_of(person)
        if not theme_ids:
            return None
        moments = sitting(person)
        now = moments["now"] if moments else timezone.now()
        since = since or now - timedelta(days=FIRST_VISIT_DAYS)
        items = []
        for (_, word), feed in zip(THEMED, feeds([path for path, _ in THEMED]), strict=True):
            for thing in feed.in_themes(person, theme_ids, since=since, pool=self.pool) or []:
                moment = _moment(thing.subject)
                thing.meta = meta_line(word, shorten(thing.meta, 60))
                thing.rank = (-moment.timestamp() if moment else 0,)
                items.append(thing)
        return self.section(items, limit=limit or self.page_limit, more_url="")


def _moment(subject):
    return getattr(subject, "first_published_at", None) or getattr(subject, "created_at", None)


# The parts of a partnership's week every member may see; leads also get the registrations
# of their partnership's people (as in their digest's summary).
MEMBER_PARTS = [
    "hub.partnerships.whats_new.PartnershipNoticeboard",
    "hub.library.whats_new.PartnershipShares",
    "hub.questions.whats_new.PartnershipUnanswered",
]
LEAD_PARTS = ["events.whats_new.PartnershipRegistrations"]


class PartnershipWeek(Feed):
    """What this person's partnerships did in the last seven days: who joined, new notices
    on their noticeboard, what they shared, their questions still unanswered and, for leads,
    who registered for what. The digest's partnership feeds, run for one person over one
    week."""

    key = "partnership_week"
    title = "Your partnership this week"
    noun = ("update", "updates")
    page_limit = 3
    empty = "Nothing new from your partnership this week."
    empty_url = "/partnerships/"
    empty_label = "See all the partnerships"
    days = 7

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        if theme is not None or not roles.is_member(person):
            return None
        own = set(roles.partnership_ids_of(person))
        if not own:
            return None
        led = set(roles.led_partnership_ids_of(person))
        moments = sitting(person)
        end = moments["now"] if moments else timezone.now()
        start = moments["week_start"] if moments else end - timedelta(days=self.days)
        period = Period("weekly", start.date(), end.date(), start, end)
        parts = [(NewPartnershipMembers(), own)]
        parts += [(part, own) for part in feeds(MEMBER_PARTS)]
        parts += [(part, led) for part in feeds(LEAD_PARTS)] if led else []
        items, first = [], None
        for index, (part, partnership_ids) in enumerate(parts):
            found = part.candidates_for(person, period, partnership_ids)
            if index == 0:
                # The new members' rows bring the person's own memberships too.
                first = min(
                    (m.partnership for m in found if m.person_id == person.pk),
                    key=lambda partnership: partnership.name,
                    default=None,
                )
            context = Context(period=period, led_partnership_ids=partnership_ids)
            context.data = part.prefetch([person], found)
            items += [
                replace(item, rank=(index, *item.rank))
                for item in part.for_member(person, found, context)
            ]
        more = reverse("people:partnership", args=[first.slug]) if first else ""
        return self.section(items, limit=limit or self.page_limit, more_url=more)


def start_sitting(person, since, now=None):
    """Draw every block of this My hub page at one moment, so that "new in your themes" and
    "your partnership this week" read the library and the questions once between them (the
    feeds' ``in_themes`` and ``candidates_for`` share a read when these moments match)."""
    now = now or timezone.now()
    begin_sitting(
        person,
        now=now,
        new_since=since or now - timedelta(days=FIRST_VISIT_DAYS),
        week_start=now - timedelta(days=PartnershipWeek.days),
        pool=InYourThemes.pool,
    )
