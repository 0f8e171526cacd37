"""Composing: what each member's digest holds for a period, from the feeds of
``hub.core.whats_new.DIGEST``. Reads only; a fixed number of queries for a whole batch.

For each batch of members every feed's ``for_people(members, period, contexts)`` runs once
(``candidates`` and ``prefetch`` once per batch, then ``for_member`` per member with no
queries; see hub/core/whats_new.py). Feeds with ``leads_only = True`` go only to partnership
leads.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from hub.core.links import absolute_url
from hub.core.whats_new import DIGEST, Context, feeds, one_batch, shorten
from hub.digests.models import DigestPreference, DigestRun
from hub.people import roles
from hub.people.models import User

from .periods import run_period

# Mail apps show about this much of a subject line on a phone.
SUBJECT_LENGTH = 70


@dataclass
class Digest:
    """One member's digest: the sections they get, in order."""

    member: User
    sections: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.sections

    @property
    def subject(self):
        """A sentence under 70 characters that leads with the first thing in the digest:
        "Your hub digest: Working with dads, and 4 more"."""
        items = [item for section in self.sections for item in section.items]
        if not items:
            return "Your hub digest"
        more = len(items) - 1
        tail = f", and {more} more" if more else ""
        room = SUBJECT_LENGTH - len("Your hub digest: ") - len(tail) - 1  # for "…"
        return f"Your hub digest: {shorten(items[0].title, room)}{tail}"


def member_choosable_sections(is_lead):
    """(key, title) of the sections a person may switch on or off on the preferences page."""
    return [(feed.key, feed.title) for feed in feeds(DIGEST) if is_lead or not feed.leads_only]


def _contexts(members, period):
    """Each member's Context for the feeds (led partnerships, themes), for the whole batch in
    a few queries: roles.warm, then one query for everyone's themes."""
    roles.warm(members)
    themes = defaultdict(set)
    for person_id, theme_id in User.themes.through.objects.filter(
        user_id__any_of=[m.pk for m in members]
    ).values_list("user_id", "theme_id"):
        themes[person_id].add(theme_id)
    return {
        m.pk: Context(
            period=period,
            led_partnership_ids=set(roles.led_partnership_ids_of(m)),
            theme_ids=themes[m.pk],
        )
        for m in members
    }


def preference_of(member):
    """The member's digest preference, or None if they never chose."""
    try:
        return member.digest_preference
    except DigestPreference.DoesNotExist:
        return None


def compose(members, period):
    """Each member's digest for ``period``, with a fixed number of queries for the batch."""
    members = list(members)
    contexts = _contexts(members, period)
    digests = {m.pk: Digest(member=m) for m in members}
    # Members with the same section share the object (Feed.group_key): made absolute once.
    absolute = set()
    preferences = {m.pk: preference_of(m) for m in members}
    # Feeds that list the same rows (new resources, unanswered questions) read them once.
    with one_batch():
        for feed in feeds(DIGEST):
            wanting = [
                m
                for m in members
                if (not feed.leads_only or contexts[m.pk].led_partnership_ids)
                and (preferences[m.pk] is None or preferences[m.pk].wants(feed.key))
            ]
            if not wanting:
                continue
            for person_id, section in feed.for_people(wanting, period, contexts).items():
                if id(section) not in absolute:
                    absolute.add(id(section))
                    # Every link in an email is absolute.
                    section.more_url = absolute_url(section.more_url)
                    for item in section.items:
                        item.url = absolute_url(item.url)
                        item.action_url = absolute_url(item.action_url)
                digests[person_id].sections.append(section)
    return digests


def compose_deliveries(deliveries):
    """What each delivery carries, as (delivery, digest or None, period or None).

    A digest run's deliveries carry each member's digest for the run's period (empty when
    there is nothing new for them). Members are composed a run at a time, so a batch costs a
    fixed number of queries. A run of the old announcements (history, finished by migration
    digests 0004) carries nothing and is skipped.
    """
    by_run = defaultdict(list)
    for delivery in deliveries:
        by_run[delivery.run_id].append(delivery)
    composed = []
    for run_deliveries in by_run.values():
        run = run_deliveries[0].run
        if run.kind == DigestRun.Kind.ANNOUNCEMENT:
            composed += [(delivery, None, None) for delivery in run_deliveries]
            continue
        period = run_period(run)
        digests = compose([delivery.member for delivery in run_deliveries], period)
        composed += [(d, digests[d.member_id], period) for d in run_deliveries]
    return composed
