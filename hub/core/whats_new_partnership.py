"""The people and partnership feeds of the digest (see hub/core/whats_new.py): who joined a
member's partnership, and for partnership leads a summary of their partnership's period.

The summary is one section made of parts that the content apps own (each a Feed named in
``PARTNERSHIP_PARTS``), so the core never imports a content app: a part's ``for_member`` sees
the lead's partnerships in ``context.led_partnership_ids``.
"""

from dataclasses import replace

from django.db.models import Q
from django.urls import reverse

from hub.core.whats_new import Feed, NewThing, feeds
from hub.people import roles
from hub.people.models import Membership

# In the order the summary lists them.
PARTNERSHIP_PARTS = [
    "events.whats_new.PartnershipRegistrations",
    "hub.library.whats_new.PartnershipShares",
    "hub.questions.whats_new.PartnershipUnanswered",
]


class NewPartnershipMembers(Feed):
    """New people in the member's own partnerships: their members page shows the same."""

    key = "new_people"
    title = "New in your partnership"
    intro = "Say hello to the people who joined."
    noun = ("new person", "new people")

    def candidates(self, period):
        return list(
            Membership.objects.filter(
                joined_at__gte=period.start,
                joined_at__lt=period.end,
                person__in=roles.members(),
            )
            .select_related("person", "partnership")
            .order_by("-joined_at")
        )

    def candidates_for(self, person, period, partnership_ids):
        """Who joined ``partnership_ids`` in ``period``, and the person's own memberships
        (``for_member`` leaves them out), which give My hub their partnerships' names and
        addresses without a query of their own."""
        joined = Q(
            joined_at__gte=period.start,
            joined_at__lt=period.end,
            partnership_id__in=partnership_ids,
            person__in=roles.members(),
        )
        return list(
            Membership.objects.filter(joined | Q(person_id=person.pk))
            .select_related("person", "partnership")
            .order_by("-joined_at")
        )

    def for_member(self, person, candidates, context):
        own = roles.partnership_ids_of(person)
        return [
            NewThing(
                title=m.person.display_name,
                url=reverse("people:profile", args=[m.person_id]),
                # Their own words only if they chose to be in the directory.
                meta=" · ".join(
                    part
                    for part in (
                        m.person.role_in_own_words if m.person.in_directory else "",
                        m.partnership.name,
                    )
                    if part
                ),
                rank=(-m.joined_at.timestamp(),),
                subject=m.person,
            )
            for m in candidates
            if m.partnership_id in own and m.person_id != person.pk
        ]

    def group_key(self, person, candidates, context):
        joined = any(m.person_id == person.pk for m in candidates)
        return (frozenset(roles.partnership_ids_of(person)), person.pk if joined else None)


class PartnershipSummary(Feed):
    """For partnership leads: who from their partnership registered for what, what their
    partnership shared, and their partnership's questions still unanswered."""

    key = "partnership"
    title = "Your partnership this period"
    intro = "For partnership leads: what people from your partnership have been doing."
    noun = ("update from your partnership", "updates from your partnership")
    leads_only = True
    limit = 12

    def candidates(self, period):
        return [(part, part.candidates(period)) for part in feeds(PARTNERSHIP_PARTS)]

    def prefetch(self, people, candidates):
        return [part.prefetch(people, found) for part, found in candidates]

    def for_member(self, person, candidates, context):
        data = context.data
        items = []
        for index, (part, found) in enumerate(candidates):
            context.data = data[index]
            items += [
                replace(item, rank=(index, *item.rank))
                for item in part.for_member(person, found, context)
            ]
        context.data = data
        return items

    def group_key(self, person, candidates, context):
        """Shared when every part can share: a tuple of the parts' own keys."""
        data = context.data
        keys = []
        for index, (part, found) in enumerate(candidates):
            context.data = data[index]
            keys.append(part.group_key(person, found, context))
        context.data = data
        return None if any(key is None for key in keys) else tuple(keys)
