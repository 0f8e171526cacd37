"""Demo digest preferences: most people weekly on Mondays, some on other days or less often,
a few who said no. See the README for how to see a digest in the demo."""

from django.utils import timezone

from hub.digests.models import DigestPreference
from hub.digests.services import consent_wording
from hub.people.models import User

# (frequency, day of week, sections switched off), picked in turn for demo members.
PATTERNS = [
    ("weekly", 0, []),
    ("weekly", 0, []),
    ("weekly", 2, []),
    ("fortnightly", 0, []),
    ("weekly", 4, ["new_people"]),
    ("monthly", 1, []),
    ("weekly", 0, []),
    ("off", 0, []),
]


def seed(stdout, scale):
    """Give every demo person a digest preference (idempotent: existing choices are kept)."""
    people = User.objects.filter(email__endswith="@example.org", digest_preference__isnull=True)
    now = timezone.now()
    created = []
    for index, person in enumerate(people.order_by("email")):
        if person.email in {"member@example.org", "lead@example.org"}:
            frequency, day, skipped = "weekly", 0, []
        else:
            frequency, day, skipped = PATTERNS[index % len(PATTERNS)]
        created.append(
            DigestPreference(
                person=person,
                frequency=frequency,
                day_of_week=day,
                skipped_sections=skipped,
                consent_recorded_at=now,
                consent_wording=consent_wording(frequency, day),
            )
        )
    DigestPreference.objects.bulk_create(created, ignore_conflicts=True)
    stdout.write(f"  digest preferences for {len(created)} people")
