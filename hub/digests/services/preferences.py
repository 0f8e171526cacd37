"""Each member's choice of digest, recorded as their consent to email, and unsubscribing."""

from django.core import signing
from django.db import transaction
from django.utils import timezone

from hub.digests.models import DigestDelivery, DigestPreference
from hub.people.models import User

UNSUBSCRIBE_SALT = "hub.digests.unsubscribe"

CONSENT_WORDING = (
    "The hub will email you a digest of what is new for you: {frequency}, on {day}s. "
    "You can change this or stop it at any time from the link in every email."
)
OFF_WORDING = "You chose not to get digest emails."


def consent_wording(frequency, day_of_week):
    """The words a person agrees to when they choose this frequency and day."""
    if frequency == DigestPreference.Frequency.OFF:
        return OFF_WORDING
    return CONSENT_WORDING.format(
        frequency=DigestPreference.Frequency(frequency).label.lower(),
        day=DigestPreference.Day(day_of_week).label,
    )


@transaction.atomic
def set_preference(person, *, frequency, day_of_week=0, skipped_sections=None):
    """Record this person's choice, with its date and wording, as their consent to email."""
    preference, _ = DigestPreference.objects.select_for_update().get_or_create(person=person)
    preference.frequency = frequency
    preference.day_of_week = day_of_week
    if skipped_sections is not None:
        preference.skipped_sections = sorted(skipped_sections)
    preference.consent_recorded_at = timezone.now()
    preference.consent_wording = consent_wording(frequency, day_of_week)
    if frequency != DigestPreference.Frequency.OFF:
        preference.unsubscribed_at = None
    preference.save()
    return preference


def unsubscribe_token(member, delivery=None):
    """A signed token naming the member (and the delivery whose link it is, for the report)."""
    return signing.dumps(
        {"p": member.pk, "d": delivery.pk if delivery else None}, salt=UNSUBSCRIBE_SALT
    )


def read_unsubscribe_token(token):
    """(member, delivery or None); raises signing.BadSignature when tampered with."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    member = User.objects.get(pk=data["p"])
    delivery = None
    if data.get("d"):
        delivery = DigestDelivery.objects.filter(pk=data["d"], member=member).first()
    return member, delivery


@transaction.atomic
def unsubscribe(member, delivery=None):
    """Stop every digest and announcement email to this member. Safe to repeat."""
    now = timezone.now()
    preference, _ = DigestPreference.objects.select_for_update().get_or_create(person=member)
    already = preference.frequency == DigestPreference.Frequency.OFF
    preference.frequency = DigestPreference.Frequency.OFF
    preference.consent_recorded_at = now
    preference.consent_wording = "Unsubscribed with the link in an email from the hub."
    preference.unsubscribed_at = preference.unsubscribed_at if already else now
    preference.save()
    if delivery is not None and delivery.unsubscribed_at is None:
        DigestDelivery.objects.filter(pk=delivery.pk).update(unsubscribed_at=now)
    return preference
