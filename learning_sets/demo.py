"""Demo learning sets: one meeting (with sessions, issues, actions and reviews), one forming.

All fictional. Idempotent: a set that already exists is left as it is.
"""

from datetime import timedelta

from django.utils import timezone

from hub.people.models import User
from learning_sets import services
from learning_sets.factories import GROUND_RULES
from learning_sets.models import JoinRequest, LearningSet

MEETING = {
    "name": "Holding the tension",
    "slug": "holding-the-tension",
    "purpose": (
        "For people who sit between families and the system: what do we do when what a "
        "family needs and what our organisation allows pull in different directions?"
    ),
    "rhythm": "Every six weeks, Tuesday 10:00 to 12:00, online",
}
FORMING = {
    "name": "Parents at the table",
    "slug": "parents-at-the-table",
    "purpose": (
        "A set for parents and community members who help lead their partnership: sharing "
        "what it takes to be heard in meetings built for professionals."
    ),
    "rhythm": "Every eight weeks, Thursday evenings, online",
}

# (presenter email, issue, questions that helped, actions)
FIRST_SESSION = [
    (
        "member@example.org",
        "Our family hub keeps asking parents to tell their story at every new service. "
        "I promised one mum it would be the last time, and then it wasn't.",
        "What would 'telling it once' look like from her side of the table? Who in the "
        "system already holds the story and could pass it on with her say-so?",
        [
            "Ask three parents what they would want a shared 'about me' page to say",
            "Find out who owns the referral form and ask for twenty minutes with them",
        ],
    ),
    (
        "member6@example.org",
        "Our steering group says it wants parents involved, but the meetings are at 2pm "
        "on a weekday and the papers arrive the night before.",
        "Who decided the time, and when? What would change if a parent chaired one meeting?",
        ["Propose an evening meeting every other month at the next steering group"],
    ),
]
SECOND_SESSION = [
    (
        "member11@example.org",
        "I am worn out by reporting numbers the funder did not ask for but our own "
        "managers want. It takes time away from families.",
        "Which number would you keep if you could keep only one? Who reads the report?",
        [
            "Map every report we send and who reads it",
            "Try one month of a two-line story instead of a table",
        ],
    ),
]


def _person(email):
    return User.objects.filter(email=email).first()


def seed(stdout, scale=1):
    facilitator = _person("facilitator@example.org")
    facilitator2 = _person("facilitator2@example.org")
    if facilitator is None or facilitator2 is None:
        stdout.write("  no demo facilitators: run the foundation seeder first")
        return
    _seed_meeting_set(facilitator)
    _seed_forming_set(facilitator2)
    stdout.write("  2 learning sets (one meeting, one forming)")


def _seed_meeting_set(facilitator):
    if LearningSet.objects.filter(slug=MEETING["slug"]).exists():
        return
    learning_set = services.create_set(
        **MEETING,
        ground_rules=GROUND_RULES,
        facilitators=[facilitator],
        max_size=7,
        status=LearningSet.Status.MEETING,
    )
    emails = [
        "member@example.org",
        "member6@example.org",
        "member11@example.org",
        "member16@example.org",
        "member21@example.org",
        "member26@example.org",
    ]
    members = [p for p in (_person(e) for e in emails) if p]
    weeks_ago = timezone.now() - timedelta(weeks=12)
    for person in members:
        services._add_member(learning_set, person, weeks_ago)
    learning_set.memberships.update(joined_at=weeks_ago)

    def at(days):
        start = timezone.localtime(timezone.now() + timedelta(days=days)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        return {"starts_at": start, "ends_at": start + timedelta(hours=2)}

    link = "https://meet.example.org/holding-the-tension"
    first = services.schedule_session(
        learning_set, **at(-84), joining_link=link, presenters=members[:2], by=facilitator
    )
    second = services.schedule_session(
        learning_set, **at(-42), joining_link=link, presenters=members[2:3], by=facilitator
    )
    upcoming = services.schedule_session(
        learning_set, **at(14), joining_link=link, presenters=members[3:4], by=facilitator
    )
    by_email = {p.email: p for p in members}
    for session, records in ((first, FIRST_SESSION), (second, SECOND_SESSION)):
        for email, issue, questions, actions in records:
            presenter = by_email.get(email)
            if presenter:
                services.record_issue(
                    session,
                    presenter=presenter,
                    issue=issue,
                    helpful_questions=questions,
                    actions=actions,
                    by=facilitator,
                )
    # Reviews at the second session of what was promised at the first.
    outcomes = [
        ("done", "Two of the three replied; they want a page they can change themselves."),
        ("changed", "The form's owner has left; I am meeting her successor instead."),
        ("dropped", "The group agreed to move the meeting anyway, so no proposal was needed."),
    ]
    for action, (outcome, note) in zip(
        [a for r in first.issues.all() for a in r.actions.all()], outcomes, strict=False
    ):
        services.review_action(action, session=second, outcome=outcome, note=note, by=facilitator)
    services.record_attendance(first, [p.pk for p in members], by=facilitator)
    services.record_attendance(second, [p.pk for p in members[:5]], by=facilitator)
    if len(members) > 1:
        services.post_message(
            learning_set,
            author=members[1],
            body="I tried the evening meeting idea on a smaller group first. Three parents came.",
        )
        services.post_message(
            learning_set,
            author=facilitator,
            body=f"A reminder that we meet on {upcoming.starts_at:%d %B}. "
            "Bring one small thing that went better than you expected.",
        )


def _seed_forming_set(facilitator):
    if LearningSet.objects.filter(slug=FORMING["slug"]).exists():
        return
    learning_set = services.create_set(
        **FORMING, ground_rules=GROUND_RULES, facilitators=[facilitator], max_size=8
    )
    for email in ("member3@example.org", "member31@example.org"):
        person = _person(email)
        if person:
            services._add_member(learning_set, person, timezone.now())
    asker = _person("member36@example.org")
    if asker and not JoinRequest.objects.filter(person=asker, learning_set=learning_set).exists():
        services.request_to_join(
            asker,
            learning_set,
            note="I am a parent rep in Okehampton and often the only parent in the room.",
            agreed_to_ground_rules=True,
        )
    start = timezone.localtime(timezone.now() + timedelta(days=35)).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    services.schedule_session(
        learning_set,
        starts_at=start,
        ends_at=start + timedelta(hours=1, minutes=30),
        joining_link="https://meet.example.org/parents-at-the-table",
        by=facilitator,
    )
