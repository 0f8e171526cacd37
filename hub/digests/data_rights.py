"""Digests: the person's choices and what was sent to them."""

from hub.core import data_rights
from hub.core.data_rights import Table
from hub.digests.models import DigestDelivery, DigestPreference


def close(person, *, keep, by):
    """Deliveries stay as counts (sent, skipped) with no subject line."""
    DigestDelivery.objects.filter(member=person).update(subject="", error="")


data_rights.register(
    "digests",
    tables=[
        Table(
            "digest_choices",
            DigestPreference,
            "person",
            "frequency day_of_week skipped_sections consent_recorded_at consent_wording "
            "unsubscribed_at",
        ),
        Table("digests_sent", DigestDelivery, "member", "subject status"),
    ],
    remove=[(DigestPreference, "person")],
    close=close,
)
