"""Demo learning frameworks: two partnerships, each with indicators and a year of reflection
meetings every six weeks (fictional, written for the hub). Safe to run twice: a partnership
that already has a framework is left alone."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hub.learning import services
from hub.learning.models import Framework, ProgrammeIndicator
from hub.people.models import Membership, Partnership

OFFERED = [
    ("Families support one another", "Peer support lasts after our funding does."),
    ("We can explain our approach in ways that motivate others", "So others can join in."),
]
OWN = ("Families feel less isolated", "Parents told us loneliness is the hardest part.")
# The judgements of (own, first offered) at each meeting, eight meetings over a year.
LEVELS = [(1, 1), (1, 1), (2, 1), (2, 2), (2, 2), (3, 2), (3, 2), (3, 3)]
NOTICED = [
    "Only a handful of families came to the café; most knew each other already.",
    "Two new dads came after the school shared our flyer.",
    "Families are swapping numbers and meeting at the park between sessions.",
    "A parent offered to run the craft table next time.",
    "The health visitor noticed families arriving together.",
    "Parents asked for a group chat of their own, with ground rules.",
    "A parent spoke about the café at the school governors' meeting.",
    "Parents ran the whole session; we just made the tea.",
]
ACTIONS = [
    "Ask the school to share the flyer",
    "Try a Saturday session for working parents",
    "Write up what the health visitor noticed",
    "Invite a parent to co-facilitate",
]


def _framework(partnership, facilitator, offered, today):
    memberships = list(
        Membership.objects.filter(partnership=partnership, person__is_active=True).order_by("pk")
    )
    if not memberships:
        return 0
    by = memberships[0].person
    framework = Framework.objects.create(partnership=partnership, facilitator=facilitator)
    start = today - timedelta(days=7 * 6 * (len(LEVELS) - 1))
    own = services.add_indicator(
        framework,
        words=OWN[0],
        why=OWN[1],
        proposed_by="Parents at the café",
        since=start,
        by=by,
    )
    adopted = services.adopt(framework, offered[0], by=by)
    adopted.versions.update(since=start)
    previous = None
    for n, (own_level, adopted_level) in enumerate(LEVELS):
        held_on = start + timedelta(days=42 * n)
        if n == 4:
            services.change_indicator(
                own,
                words="Families feel less alone",
                note="Parents preferred these words.",
                since=held_on,
                by=by,
            )
        reviews = [(a, "done", "") for a in previous.actions.all()] if previous else []
        previous = services.record_meeting(
            framework,
            held_on=held_on,
            noticed=NOTICED[n],
            roles_present=["parent", "practitioner", "learning_team"],
            summary=NOTICED[n] if n % 3 == 2 else "",
            judgements=[(own, own_level, NOTICED[n], None), (adopted, adopted_level, "", None)],
            new_actions=[(ACTIONS[n % len(ACTIONS)], None, "The core team")],
            reviews=reviews,
            by=by,
        )
        if previous.summary:
            services.share_summary(previous, share=True, by=by)
    services.share_journey(own, share=True, by=by)
    return len(LEVELS)


def seed(stdout, scale=1):
    facilitator = get_user_model().objects.filter(email="facilitator@example.org").first()
    offered = [
        ProgrammeIndicator.objects.get_or_create(words=words, defaults={"why": why})[0]
        for words, why in OFFERED
    ]
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        for partnership in Partnership.objects.filter(active=True).order_by("pk")[:2]:
            if Framework.objects.filter(partnership=partnership).exists():
                continue
            made += _framework(partnership, facilitator, offered, today)
    stdout.write(f"  {made} reflection meetings added to the demo learning frameworks.")
