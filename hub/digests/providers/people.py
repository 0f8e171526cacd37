"""Who joined the member's partnership during the period (from the people app)."""

from django.urls import reverse

from hub.digests.sections import DigestItem, SectionProvider
from hub.people import roles
from hub.people.models import Membership


class NewPartnershipMembers(SectionProvider):
    """New people in the member's own partnerships: their members page shows the same."""

    key = "new_people"
    title = "New in your partnership"
    intro = "Say hello to the people who joined."
    noun = ("new person", "new people")

    def candidates(self, period, viewer):
        return list(
            Membership.objects.filter(
                joined_at__gte=period.start,
                joined_at__lt=period.end,
                person__is_active=True,
                person__is_approved=True,
            )
            .select_related("person", "partnership")
            .order_by("-joined_at")
        )

    def for_member(self, member, candidates, context):
        own = roles.partnership_ids_of(member)
        return [
            DigestItem(
                title=m.person.display_name,
                url=reverse("people:profile", args=[m.person_id]),
                meta=" · ".join(
                    part for part in (m.person.role_in_own_words, m.partnership.name) if part
                ),
                rank=(-m.joined_at.timestamp(),),
            )
            for m in candidates
            if m.partnership_id in own and m.person_id != member.pk
        ]
