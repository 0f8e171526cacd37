"""What the partnership did: the space's feed for My hub and the digest agrees with the page."""

from datetime import timedelta

from django.utils import timezone

import pytest

from hub.core.whats_new import Period
from hub.partnerships import services
from hub.partnerships.whats_new import PartnershipNoticeboard

pytestmark = pytest.mark.django_db


def _period():
    end = timezone.now() + timedelta(minutes=1)
    start = end - timedelta(days=7)
    return Period("weekly", start.date(), end.date(), start, end)


def test_the_feed_tells_a_partnerships_people_and_nobody_else(
    partnership, member, lead, outsider, officer, facilitator
):
    services.post_thread(partnership, author=lead, title="Forum moves", body="To Tuesday.")
    shared = services.post_thread(
        partnership, author=lead, title="Our learning", body="For the team.", share=True
    )
    feed = PartnershipNoticeboard()
    section = feed.for_person(member)
    assert [item.title for item in section.items] == ["Our learning", "Forum moves"]
    assert section.more_url == f"/partnerships/{partnership.slug}/space/"
    for person in (outsider, officer, facilitator):
        assert feed.for_person(person) is None
    sections = feed.for_people([member, lead, outsider, officer, facilitator], _period())
    assert [i.title for i in sections[member.pk].items] == ["Our learning", "Forum moves"]
    # Leads do not hear of their own posts; other partnerships and the team hear nothing.
    assert set(sections) == {member.pk}
    assert shared.can_view(officer)
