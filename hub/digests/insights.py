"""The digest's figures for the programme team's insights page (hub.insights).

Sent, skipped (nothing new) and unsubscribes in a period; the hub does not track opens.
"""

from django.db.models import Count, Q

from hub.digests.models import DigestDelivery, DigestPreference


def sent_skipped_unsubscribed(period, partnership):
    deliveries = DigestDelivery.objects.filter(
        run__kind="digest", done_at__gte=period.start, done_at__lt=period.end
    )
    leaving = DigestPreference.objects.filter(
        unsubscribed_at__gte=period.start, unsubscribed_at__lt=period.end
    )
    if partnership is not None:
        deliveries = deliveries.filter(member__memberships__partnership_id=partnership)
        leaving = leaving.filter(person__memberships__partnership_id=partnership)
    figures = deliveries.aggregate(
        sent=Count("pk", filter=Q(status=DigestDelivery.Status.SENT)),
        skipped=Count("pk", filter=Q(status=DigestDelivery.Status.SKIPPED)),
    )
    return figures | {"unsubscribed": leaving.count()}
