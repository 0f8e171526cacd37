"""What is coming up for a person in events (see hub/core/whats_new.py for the contract).

One rule is decided here and nowhere else: a learning set session is never listed in a
programme-wide list (home's and theme pages' "Coming up", site search, the digest), not even
for the set's own members. They see their next session in "Your action learning set"
(learning_sets.whats_new), which says only when the set meets.
"""

from dataclasses import replace

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from events.models import EventIndexPage, EventPage, Registration, TopicIdea, TopicSupport
from events.queries import (
    registration_statuses,
    search_events,
    upcoming_events,
    upcoming_in,
    visible_events,
    with_statuses,
)
from hub.core import text_search
from hub.core.index_urls import index_url
from hub.core.whats_new import (
    Feed,
    NewThing,
    lead_update,
    meta_line,
    prepare,
    role_class,
    shorten,
    when,
)

STATUS_WORDS = {
    Registration.Status.REGISTERED: "You are registered.",
    Registration.Status.WAITLISTED: "You are on the waiting list.",
}


def programme_wide(events):
    """The events a programme-wide list may show: every kind but learning set sessions.

    Takes and returns a queryset of EventPage.
    """
    return events.exclude(kind=EventPage.Kind.LEARNING_SET_SESSION)


def _index_url():
    return index_url(EventIndexPage)


def _title(event):
    """ "Huddle: Working with dads", but not "Huddle: Huddle: ..." when the title already
    starts with its kind ("Huddle: ...", "Webinar on ...")."""
    kind = event.get_kind_display()
    if event.title.lower().startswith(kind.split()[0].lower()):
        return event.title
    return f"{kind}: {event.title}"


def _thing(event, open_at):
    """The event as a NewThing with no person's status yet."""
    url = event.get_url() or ""
    return NewThing(
        title=_title(event),
        url=url,
        meta=meta_line(when(event.start), event.location),
        subject=event,
        # Whether "Register" may be offered at ``open_at``: kept for with_status.
        action_url=url if event.registration_is_open(open_at) else "",
    )


def with_status(thing, status, rank=()):
    """``thing`` for one person: their registration status, or the action they may take."""
    event = thing.subject
    action_label = ""
    if status is None and thing.action_url:
        action_label = "Join the waiting list" if event.is_full else "Register"
    return replace(
        thing,
        status=STATUS_WORDS.get(status, ""),
        action_label=action_label,
        action_url=thing.action_url if action_label else "",
        rank=rank,
    )


class ComingUp(Feed):
    """Huddles, webinars and gatherings coming up, with the person's own status."""

    key = "events"
    title = "Coming up"
    theme_title = "Coming up on this theme"
    search_title = "Events"
    intro = "Huddles, webinars and gatherings in the next four weeks."
    noun = ("event coming up", "events coming up")
    more_url = "/events/"
    more_label = "See all events"
    template = "events/includes/event_list.html"
    # The digest looks this far ahead of the end of its period.
    within_days = 28

    def section(self, items, **kwargs):
        """The soonest or most relevant events by rank, then shown in date order."""
        section = super().section(items, **kwargs)
        if section is not None:
            section.items.sort(key=lambda item: item.subject.start)
        return section

    def _things(self, person, events, now):
        statuses = registration_statuses(person, events)
        with_statuses(person, events, statuses)
        return [with_status(_thing(e, now), statuses.get(e.pk)) for e in events]

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        """Events not yet over at ``since`` (now by default) that this person may see, soonest
        first; starting before ``until`` if given."""
        from django.utils import timezone

        now = since or timezone.now()
        events = programme_wide(upcoming_events(person, now=now, theme=theme))
        if until is not None:
            events = events.filter(start__lt=until)
        events = list(events[:limit] if limit else events)
        section = self.page_section(
            self._things(person, events, now),
            theme=theme,
            more_url=_index_url() or "",
        )
        if section and theme is not None:
            section.more_label = ""
        return section

    def search(self, person, query):
        events = search_events(person, query, base=programme_wide)
        from django.utils import timezone

        section = self.page_section(self._things(person, events, timezone.now()), more_url="")
        if section:
            section.title = self.search_title
        return section

    def similar_titles(self, person, query):
        events = programme_wide(visible_events(person))
        return text_search.similar_titles(events, "title", query)

    def candidates(self, period):
        # Every live event of any audience in the window: can_view decides per member.
        events = upcoming_in(
            programme_wide(EventPage.objects.live()), within_days=self.within_days, now=period.end
        ).prefetch_related("themes")
        return prepare(list(events), lambda event: _thing(event, period.end))

    def prefetch(self, people, candidates):
        if not candidates:
            return {}
        return {
            (person_id, event_id): status
            for person_id, event_id, status in Registration.objects.filter(
                person_id__any_of=[p.pk for p in people],
                event_id__in=[e.pk for e in candidates],
                status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
            ).values_list("person_id", "event_id", "status")
        }

    def for_member(self, person, candidates, context):
        return [
            with_status(
                event.whats_new_thing,
                context.data.get((person.pk, event.pk)),
                rank=self.themed_rank(context, event, event.start.timestamp()),
            )
            for event in candidates
            if event.can_view(person)
        ]

    def group_key(self, person, candidates, context):
        # Who may see each event, the themes that rank them, and this person's own status.
        return (
            role_class(person),
            frozenset(context.theme_ids),
            tuple(context.data.get((person.pk, event.pk)) for event in candidates),
        )


class PartnershipRegistrations(Feed):
    """For a partnership lead's summary (hub.core.whats_new_partnership): who from their
    partnership registered for what this period."""

    key = "partnership_registrations"

    def candidates(self, period):
        from collections import defaultdict

        from hub.people.models import Membership

        registrations = list(
            Registration.objects.filter(
                created_at__gte=period.start,
                created_at__lt=period.end,
                status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
                event__live=True,
            )
            .select_related("person")
            .order_by("created_at")
        )
        # Which partnerships each registrant belongs to, for all of them at once.
        partnerships_of = defaultdict(set)
        for person_id, partnership_id in Membership.objects.filter(
            person_id__in={r.person_id for r in registrations}
        ).values_list("person_id", "partnership_id"):
            partnerships_of[person_id].add(partnership_id)
        # Each event once, not joined to each of its registrations: a page is a wide row and
        # a costly object to make, and a week brings hundreds of registrations for a few events.
        # Read as live again: an event unpublished between the two queries is left out.
        events = EventPage.objects.filter(live=True).in_bulk({r.event_id for r in registrations})
        registrations = [r for r in registrations if r.event_id in events]
        for event in events.values():
            event.whats_new_url = event.get_url() or ""
        for registration in registrations:
            event = registration.whats_new_event = events[registration.event_id]
            registration.event = event
            registration.whats_new_partnership_ids = partnerships_of[registration.person_id]
        return registrations

    def for_member(self, person, candidates, context):
        led = context.led_partnership_ids
        return [
            lead_update(
                r,
                f"{r.person.display_name} "
                f"{'registered for' if r.status == 'registered' else 'is on the waiting list for'} "
                f"{r.whats_new_event.title}",
                r.whats_new_event.whats_new_url,
                r.created_at,
            )
            for r in candidates
            if r.whats_new_partnership_ids & led and r.whats_new_event.can_view(person)
        ]

    def group_key(self, person, candidates, context):
        # The partnerships led are part of the role class.
        return role_class(person)


class TopicIdeas(Feed):
    """Site search only: ideas for future huddles and webinars (``TopicIdea.visible_to``)."""

    key = "topic_ideas"
    title = search_title = "Topic ideas"
    noun = ("topic idea", "topic ideas")
    template = "events/includes/idea_list.html"

    def search(self, person, query):
        ideas = text_search.matching(
            TopicIdea.objects.visible_to(person),
            query,
            fields=("title", "description"),
            then=("-created_at", "-pk"),
        )
        items = [
            NewThing(
                title=idea.title,
                url=idea.get_absolute_url(),
                meta=shorten(idea.description, 120),
                status=idea.get_status_display(),
                subject=idea,
            )
            for idea in ideas[:5]
        ]
        return self.search_section(
            items, more_url=reverse("events:ideas"), more_label="All topic ideas"
        )

    def similar_titles(self, person, query):
        return text_search.similar_titles(TopicIdea.objects.visible_to(person), "title", query)


class MyEvents(Feed):
    """My hub: the events this person is registered for or on the waiting list of, soonest
    first, with the joining link once it opens (``events.context.joining_link_visible``, the
    event page's own rule). Set sessions are left out: "Your action learning set" has them."""

    key = "my_events"
    title = "Your next events"
    noun = ("event", "events")
    page_limit = 3
    empty = "You have not signed up for anything coming up."
    empty_url = "/events/"
    empty_label = "Find a huddle, webinar or gathering"

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        from django.utils import timezone

        from events.context import joining_link_visible
        from events.queries import my_upcoming_registrations

        if theme is not None:
            return None
        now = timezone.now()
        limit = limit or self.page_limit
        # Their status comes with each event, instead of a second query for registrations.
        own = Registration.objects.filter(
            event=OuterRef("pk"),
            person_id=person.pk,
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
        )
        events = list(
            programme_wide(my_upcoming_registrations(person, now=now)).annotate(
                own_status=Subquery(own.values("status")[:1])
            )[:limit]
        )
        statuses = {event.pk: event.own_status for event in events}
        items = []
        for event in events:
            status = statuses.get(event.pk)
            thing = with_status(_thing(event, now), status)
            thing.action_label = thing.action_url = ""
            if joining_link_visible(event, Registration(status=status), now):
                thing.action_label, thing.action_url = "Join now", event.joining_link
            elif status == Registration.Status.REGISTERED and event.joining_link:
                opens = when(event.joining_link_available_from())
                thing.status += f" The joining link shows here from {opens}."
            items.append(thing)
        return self.section(items, limit=limit, more_url=_index_url() or "", ranked=False)


IDEA_WORDS = {
    "proposed": "Still gathering support.",
    "planned": "The programme team is planning it.",
    "scheduled": "It is happening.",
    "declined": "Not taken forward this time.",
}


class SupportedIdeas(Feed):
    """My hub: the topic ideas this person supported, and what became of them (the event it
    became, when they may see it)."""

    key = "my_ideas"
    title = "Topic ideas you supported"
    noun = ("topic idea", "topic ideas")
    page_limit = 2
    empty = "You have not supported a topic idea yet."
    empty_url = "/events/ideas/"
    empty_label = "See what others would like a huddle on"

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):

        if theme is not None:
            return None
        limit = limit or self.page_limit
        supports = (
            TopicSupport.objects.visible_to(person)
            .filter(person_id=person.pk)
            .select_related("idea__scheduled_event")
            .order_by("-created_at", "-pk")[:limit]
        )
        items = []
        for support in supports:
            idea = support.idea
            thing = NewThing(
                title=idea.title,
                url=idea.get_absolute_url(),
                status=IDEA_WORDS.get(idea.status, ""),
                subject=idea,
            )
            event = idea.scheduled_event
            if event is not None and event.live and event.can_view(person):
                thing.action_label = f"{event.get_kind_display()} on {when(event.start)}"
                thing.action_url = event.get_url() or ""
            items.append(thing)
        return self.section(items, limit=limit, more_url="/events/ideas/", ranked=False)
