"""Demo noticeboard threads for each partnership (fictional, written for the hub).

Safe to run twice: a partnership whose board already has threads is left alone.
"""

from datetime import timedelta

from django.utils import timezone

from hub.partnerships.models import Reply, Thread
from hub.people.models import Membership, Partnership

# (title, body, replies, pinned by the lead, shared with the programme team)
THREADS = [
    (
        "Stay and play this Saturday: cover needed",
        "Our usual volunteer is off sick. Can anyone do **10 till 12** at the community "
        "centre? Two parent champions are already going, so it is mostly setting up and "
        "chatting with families who are new.",
        [
            "I can do it. I'll bring the big box of books from the library van.",
            "Thanks both. I'll let the centre know there will be three of you.",
        ],
        False,
        False,
    ),
    (
        "Ground rules for our parents' WhatsApp group",
        "After last month's photo, the parent champions drafted these with us:\n\n"
        "1. No photos of children, even your own.\n"
        "2. Two admins, always: one parent, one worker.\n"
        "3. If something worries you, message an admin, not the group.\n\n"
        "Please read them before Thursday's meeting and say if anything is missing.",
        [
            "Could we add something about adverts? We had three last week.",
            "Good point. Added as rule 4: no selling, unless it's the school fair.",
        ],
        True,
        False,
    ),
    (
        "What we are learning about families who drop out after the first visit",
        "We looked back at the last six months. Families who met the *same* worker twice "
        "in the first fortnight were far more likely to come back. We want to test a "
        "'named worker for the week' from April, and would welcome ideas from other "
        "partnerships who have tried something similar.",
        [
            "The health visitors say the same. A name and a mobile number matter more "
            "than the leaflet.",
        ],
        False,
        True,
    ),
    (
        "Board papers for the steering group",
        "The draft papers for the steering group are in our resources. The finance "
        "section still needs the figures from the council; I will add them by Friday.",
        ["Thanks. I've left two comments on the evaluation section."],
        False,
        False,
    ),
]


def _board(partnership, leads, members, now, extra):
    people = leads + members
    made = 0
    rows = list(THREADS) + [
        (
            f"Weekly catch-up notes ({n})",
            "Short notes from this week's catch-up: who we saw, what is coming up, and "
            "what we need help with.",
            ["Thanks for writing these up."],
            False,
            False,
        )
        for n in range(1, extra + 1)
    ]
    for index, (title, body, replies, pinned, shared) in enumerate(rows):
        author = people[index % len(people)]
        when = now - timedelta(days=2 * (len(rows) - index), hours=index)
        thread = Thread.objects.create(
            partnership=partnership,
            author=author,
            title=title,
            body=body,
            pinned_at=when if pinned and leads else None,
            pinned_by=leads[0] if pinned and leads else None,
            shared_at=when if shared else None,
            created_at=when,
            updated_at=when,
            last_activity_at=when + timedelta(hours=3 * len(replies)),
        )
        Reply.objects.bulk_create(
            Reply(
                thread=thread,
                author=people[(index + offset) % len(people)],
                body=reply,
                created_at=when + timedelta(hours=3 * offset),
            )
            for offset, reply in enumerate(replies, start=1)
        )
        made += 1
    return made


def seed(stdout, scale=1):
    """Four threads with replies on each partnership's board (more with ``scale``)."""
    now = timezone.now()
    made = 0
    for partnership in Partnership.objects.filter(active=True):
        if Thread.objects.filter(partnership=partnership).exists():
            continue
        memberships = list(
            Membership.objects.filter(partnership=partnership, person__is_active=True)
            .select_related("person")
            .order_by("pk")
        )
        leads = [m.person for m in memberships if m.role == Membership.Role.LEAD]
        members = [m.person for m in memberships if m.role != Membership.Role.LEAD]
        if not memberships:
            continue
        made += _board(partnership, leads, members, now, extra=4 * (scale - 1))
    stdout.write(f"  {made} noticeboard threads added ({Thread.objects.count()} in all).")
