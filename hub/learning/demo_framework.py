"""Demo learning frameworks: two partnerships, each with its indicators and a year of
reflection meetings every six weeks (fictional, written for the hub). Each adopts one of
the learning team's indicators as it is and adapts another in its own words; one of its
own indicators is reworded half way through the year, so the journey shows the old words
on the early meetings. Safe to run twice: a partnership with a framework is left alone."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hub.learning import evidence, services
from hub.learning.models import Framework, ProgrammeIndicator
from hub.people.models import Membership, Partnership

OFFERED = [
    (
        "Families support one another",
        "Peer support is what lasts after our funding does.",
    ),
    (
        "We can explain our approach in ways that motivate others",
        "If we cannot explain it, others cannot join in or fund it.",
    ),
]

# Each partnership's story of the year: its own indicator (words, why, who proposed it, and
# the words it changed to), how it adapts the second offered indicator, and eight meetings:
# (what we noticed, judgements of (own, adopted, adapted), the action agreed).
YEARS = [
    {
        "own": (
            "Families feel less isolated",
            "Parents told us loneliness is the hardest part of the early years.",
            "Parents at the café",
            "Families feel less alone",
            "Parents said “isolated” sounded like a report; “alone” is how it feels.",
        ),
        "adapted": "We can tell our story so the council wants to join in",
        "meetings": [
            (
                "Only a handful of families came to the café; most knew each other already.",
                (1, 1, 1),
                "Ask the school to share the flyer",
            ),
            (
                "Two new dads came after the school shared our flyer.",
                (1, 1, 1),
                "Try a Saturday session for working parents",
            ),
            (
                "Families are swapping numbers and meeting at the park between sessions.",
                (2, 1, 1),
                "Write up what the health visitor noticed",
            ),
            (
                "A parent offered to run the craft table next time.",
                (2, 2, 1),
                "Invite a parent to co-facilitate",
            ),
            (
                "The health visitor noticed families arriving together.",
                (2, 2, 2),
                "Share the write-up with the early help manager",
            ),
            (
                "Parents asked for a group chat of their own, with ground rules.",
                (3, 2, 2),
                "Draft the group chat's ground rules with parents",
            ),
            (
                "A parent spoke about the café at the school governors' meeting.",
                (3, 2, 3),
                "Ask the governors what would help them back it",
            ),
            (
                "Parents ran the whole session; we just made the tea.",
                (3, 3, 3),
                "Plan the summer with the parents' group",
            ),
        ],
    },
    {
        "own": (
            "Parents shape the services they use",
            "Co-production only counts if parents change what happens.",
            "The parent panel",
            "Parents decide with us, not after us",
            "The panel wanted to be in the room before decisions, not told afterwards.",
        ),
        "adapted": "Our managers can explain why relational practice matters",
        "meetings": [
            (
                "The parent panel met, but the agenda was ours, not theirs.",
                (1, 1, 1),
                "Ask the panel to set the next agenda",
            ),
            (
                "Panel members asked why the letters to families sound so cold.",
                (1, 1, 1),
                "Rewrite the first-contact letter with two parents",
            ),
            (
                "Two parents now meet new families at the community hub.",
                (2, 2, 1),
                "Write down what the hub volunteers do, in their words",
            ),
            (
                "A practitioner said the new letter got replies for the first time.",
                (2, 2, 1),
                "Bring the letter to the managers' meeting",
            ),
            (
                "The panel chose the questions for the family survey.",
                (2, 2, 2),
                "Share the survey questions with another partnership",
            ),
            (
                "Families from the hub started a walking group without us.",
                (3, 3, 2),
                "Ask the walking group what support they want, if any",
            ),
            (
                "A manager explained our approach to the scrutiny committee, with a parent.",
                (3, 3, 3),
                "Record what the committee asked, for the next briefing",
            ),
            (
                "The council asked the panel to review two more services.",
                (3, 3, 3),
                "Agree with the panel how much they want to take on",
            ),
        ],
    },
]


def _evidence_for(person):
    """A story (or else a resource) about families that this person may see in the library,
    to show a judgement's linked evidence; None when the library has nothing yet."""
    found = evidence.find(person, "families")  # stories come first
    return evidence.lookup(person, found[0][0]) if found else None


def _framework(partnership, facilitator, offered, year, today):
    memberships = list(
        Membership.objects.filter(partnership=partnership, person__is_active=True)
        .select_related("person")
        .order_by("pk")
    )
    if not memberships:
        return 0
    by = memberships[0].person
    owners = [m.person for m in memberships[:2]] + ([facilitator] if facilitator else [])
    framework = Framework.objects.create(partnership=partnership, facilitator=facilitator)
    meetings = year["meetings"]
    start = today - timedelta(days=42 * (len(meetings) - 1))
    words, why, proposed_by, new_words, new_why = year["own"]
    own = services.add_indicator(
        framework, words=words, why=why, proposed_by=proposed_by, since=start, by=by
    )
    adopted = services.adopt(framework, offered[0], by=by, since=start)
    adapted = services.adopt(
        framework,
        offered[1],
        words=year["adapted"],
        proposed_by="Our core team",
        by=by,
        since=start,
    )
    story = _evidence_for(by)
    previous = None
    for n, (noticed, levels, action) in enumerate(meetings):
        held_on = start + timedelta(days=42 * n)
        if n == 4:
            services.change_indicator(
                own, words=new_words, note=new_why, proposed_by=proposed_by, since=held_on, by=by
            )
        reviews = [(a, "done", "") for a in previous.actions.all()] if previous else []
        previous = services.record_meeting(
            framework,
            held_on=held_on,
            noticed=noticed,
            roles_present=["parent", "practitioner", "learning_team"],
            summary=noticed if n % 3 == 2 else "",
            judgements=[
                (own, levels[0], noticed, story if n == 5 else None),
                (adopted, levels[1], "", None),
                (adapted, levels[2], "", None),
            ],
            new_actions=[(action, owners[n % len(owners)], "")],
            reviews=reviews,
            by=by,
        )
        if previous.summary:
            services.share_summary(previous, share=True, by=by)
    services.share_journey(own, share=True, by=by)
    return len(meetings)


def seed(stdout, scale=1):
    facilitator = get_user_model().objects.filter(email="facilitator@example.org").first()
    offered = [
        ProgrammeIndicator.objects.get_or_create(words=words, defaults={"why": why})[0]
        for words, why in OFFERED
    ]
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        partnerships = Partnership.objects.filter(active=True).order_by("pk")[:2]
        for partnership, year in zip(partnerships, YEARS, strict=False):
            if Framework.objects.filter(partnership=partnership).exists():
                continue
            made += _framework(partnership, facilitator, offered, year, today)
    stdout.write(f"  {made} reflection meetings added to the demo learning frameworks.")
