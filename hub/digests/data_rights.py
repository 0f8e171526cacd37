"""Digests: the person's choices and what was sent to them."""

from hub.core import data_rights
from hub.digests.models import DigestDelivery, DigestPreference


def export(person):
    return {
        "digest_choices": data_rights.rows(
            DigestPreference.objects.filter(person=person),
            "frequency",
            "day_of_week",
            "skipped_sections",
            "consent_recorded_at",
            "consent_wording",
            "unsubscribed_at",
        ),
        "digests_sent": data_rights.rows(
            DigestDelivery.objects.filter(member=person), "subject", "status"
        ),
    }


def close(person, *, keep, by):
    """Choices go; deliveries stay as counts (sent, skipped) with no subject line."""
    DigestPreference.objects.filter(person=person).delete()
    DigestDelivery.objects.filter(member=person).update(subject="", error="")


data_rights.register("digests", export=export, close=close)
