"""What other parts of the hub may ask of the voice bank (the harvest, briefings' edit view).

- ``consented_voices(audience)``: approved voices that may be quoted to an audience, each with
  ``.quote``, ``.attribution`` and ``.pk``.
- ``voices_heard(voices)``: whose voices these are, by role group and by partnership, beside
  the make-up of the programme.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from hub.people import roles
from hub.people.models import Membership, Partnership
from hub.voices.models import RoleGroup, Use, Voice


def consented_voices(audience=Use.PUBLIC, *, partnership=None, limit=None):
    """Approved voices usable for ``audience`` ("public": only those agreed public;
    "programme": any approved), newest first, optionally from one partnership."""
    voices = Voice.objects.usable(audience).select_related("partnership")
    if partnership is not None:
        voices = voices.filter(partnership=partnership)
    voices = voices.order_by("-changed_at", "-pk")
    return list(voices[:limit] if limit else voices)


@dataclass
class Row:
    label: str
    voices: int
    share: int  # per cent of the voices
    members: int | None  # how many of the programme's members (None: not known)
    members_share: int | None


@dataclass
class Heard:
    total: int
    by_role: list
    by_partnership: list
    members_total: int

    @property
    def missing_roles(self):
        """Role groups with members in the programme but no voice here."""
        return [row.label for row in self.by_role if not row.voices and row.members]

    @property
    def missing_partnerships(self):
        return [row.label for row in self.by_partnership if not row.voices]


# How members describe their role (in their own words) suggests their group; the first
# group whose word appears wins, and anyone else is "someone else".
ROLE_WORDS = [
    (RoleGroup.YOUNG_PERSON, ("young person", "young people", "youth", "student")),
    (RoleGroup.PARENT, ("parent", "mum", "dad", "carer", "mother", "father", "grand")),
    (
        RoleGroup.SENIOR_LEADER,
        ("senior", "director", "head of", "manager", "chief", "commissioner", "lead"),
    ),
    (
        RoleGroup.PRACTITIONER,
        ("practitioner", "worker", "visitor", "nurse", "teacher", "officer", "coordinator"),
    ),
    (RoleGroup.COMMUNITY_MEMBER, ("community", "volunteer", "resident", "neighbour")),
]


def role_group_of(words):
    words = (words or "").lower()
    for group, needles in ROLE_WORDS:
        if any(needle in words for needle in needles):
            return group
    return RoleGroup.OTHER


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


def programme_make_up():
    """(members by role group, members by partnership id, members in all): three queries."""
    people = roles.members().values_list("role_in_own_words", flat=True)
    by_role = Counter(role_group_of(words) for words in people)
    by_partnership = dict(
        Membership.objects.filter(person__in=roles.members())
        .values("partnership")
        .annotate(n=Count("person", distinct=True))
        .values_list("partnership", "n")
    )
    return by_role, by_partnership, sum(by_role.values())


def voices_heard(voices):
    """Whose voices ``voices`` are (Voice objects or a queryset; withdrawn ones are not
    counted): rows by role group and by partnership, each beside the programme's members."""
    voices = [voice for voice in voices if not voice.withdrawn]
    total = len(voices)
    member_roles, member_partnerships, members_total = programme_make_up()
    role_counts = Counter(voice.role_group for voice in voices)
    by_role = [
        Row(
            label,
            role_counts[value],
            _percent(role_counts[value], total),
            member_roles[value],
            _percent(member_roles[value], members_total),
        )
        for value, label in RoleGroup.choices
    ]
    partnership_counts = Counter(voice.partnership_id for voice in voices)
    by_partnership = [
        Row(
            partnership.name,
            partnership_counts[partnership.pk],
            _percent(partnership_counts[partnership.pk], total),
            member_partnerships.get(partnership.pk, 0),
            _percent(member_partnerships.get(partnership.pk, 0), members_total),
        )
        for partnership in Partnership.objects.filter(active=True).order_by("name")
    ]
    if partnership_counts[None]:
        by_partnership.append(
            Row(
                "No partnership",
                partnership_counts[None],
                _percent(partnership_counts[None], total),
                None,
                None,
            )
        )
    return Heard(total, by_role, by_partnership, members_total)


def voices_for_harvest(user, *, since, until):
    """Approved voices ``user`` may read, agreed or changed in [since, until), for the
    learning team's harvest (newest first)."""
    return list(
        Voice.objects.visible_to(user)
        .usable(Use.PROGRAMME)
        .filter(changed_at__gte=since, changed_at__lte=until)
        .select_related("partnership")
        .order_by("-changed_at", "-pk")
    )
