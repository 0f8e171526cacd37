"""One way to announce: the digest's own announcements were carried over as notification
announcements (digests 0004), and their unsent emails cancelled."""

from datetime import date

import pytest

from hub.digests.models import DigestDelivery, DigestRun
from hub.notifications.models import Announcement, Notification
from hub.people.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.migrating import migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("digests", "0003_delivery_cancelled_and_unknown")]
AFTER = [("digests", "0004_announcements_become_notifications")]


def test_the_digests_announcements_become_notification_announcements():
    officer = UserFactory()
    harbour, pennine = PartnershipFactory.create_batch(2)
    reader = MembershipFactory(partnership=harbour).person
    try:
        old = migrate_to(BEFORE)
        Run = old.get_model("digests", "DigestRun")
        Old = old.get_model("digests", "Announcement")
        Delivery = old.get_model("digests", "DigestDelivery")
        today = date(2026, 11, 23)
        sent = Run.objects.create(kind="announcement", period_start=today, period_end=today)
        Old.objects.create(
            subject="To everyone", body="Hello all.", created_by_id=officer.pk, run=sent
        )
        sending = Run.objects.create(kind="announcement", period_start=today, period_end=today)
        two = Old.objects.create(
            subject="To two partnerships", body="Hello you.", created_by_id=officer.pk, run=sending
        )
        two.partnerships.set([harbour.pk, pennine.pk])
        Delivery.objects.create(run=sending, member_id=reader.pk, due_at="2026-11-23T07:00Z")
    finally:
        migrate_to(AFTER)

    found = {(a.title, a.audience, a.partnership_id) for a in Announcement.objects.all()}
    assert found == {
        ("To everyone", "everyone", None),
        ("To two partnerships", "partnership", harbour.pk),
        ("To two partnerships", "partnership", pennine.pk),
    }
    assert all(a.body.startswith("Hello") for a in Announcement.objects.all())
    assert not Notification.objects.exists()  # they were emailed already: not told again
    delivery = DigestDelivery.objects.get()
    assert delivery.status == "cancelled" and delivery.done_at is not None
    assert not DigestRun.objects.filter(status="sending").exists()
