"""Every figure on the insights page, composed from the content apps' ``insights`` modules.

``charts(period, partnership, partnerships)`` returns the page's charts in order. The number
of queries is fixed: one UNION for who was active, one for memberships, one for people's
roles, then one to three aggregate queries per content app.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

import events.insights
import hub.digests.insights
import hub.library.insights
import hub.questions.insights
import learning_sets.insights
from hub.insights.charts import Chart
from hub.people.models import Membership

# "Role in your own words" grouped by the first group with a word that matches (checked in
# this order): who is reached and who is missing, in the programme's own groups.
ROLE_GROUPS = [
    ("Parents and carers", ("parent", "carer", "mum", "dad", "grandparent", "foster")),
    (
        "Leaders and managers",
        ("lead", "manager", "head of", "director", "coordinator", "commissioner", "chair"),
    ),
    (
        "Practitioners",
        (
            "practitioner",
            "worker",
            "visitor",
            "nurse",
            "midwife",
            "teacher",
            "officer",
            "therapist",
            "advisor",
            "adviser",
            "librarian",
        ),
    ),
    # Checked after practitioners, so "community health worker" is a practitioner.
    (
        "Community members and volunteers",
        ("community", "resident", "volunteer", "neighbour", "local person"),
    ),
]
OTHER, NOT_SAID = "Other roles", "Did not say"


def role_group(words):
    words = (words or "").strip().lower()
    if not words:
        return NOT_SAID
    for name, keys in ROLE_GROUPS:
        if any(key in words for key in keys):
            return name
    return OTHER


@dataclass
class Window:
    """The period the page covers: [start, end) as aware datetimes, from local dates."""

    first_day: date
    last_day: date

    @property
    def start(self):
        return timezone.make_aware(datetime.combine(self.first_day, datetime.min.time()))

    @property
    def end(self):
        following = date.fromordinal(self.last_day.toordinal() + 1)
        return timezone.make_aware(datetime.combine(following, datetime.min.time()))

    def months(self):
        year, month = self.first_day.year, self.first_day.month
        while (year, month) <= (self.last_day.year, self.last_day.month):
            yield date(year, month, 1)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _month(value):
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return date(value.year, value.month, 1)
    return date(value.year, value.month, 1)


def _active_pairs(period):
    parts = (
        events.insights.active_people(period)
        + hub.library.insights.active_people(period)
        + hub.questions.insights.active_people(period)
    )
    first, *rest = parts
    return {(person, _month(month)) for person, month in first.union(*rest)}


def people_charts(period, partnership, names):
    pairs = _active_pairs(period)
    memberships = Membership.objects.filter(person__is_active=True)
    if partnership is not None:
        memberships = memberships.filter(partnership_id=partnership)
    people = {}
    for person, partnership_id, words in memberships.values_list(
        "person_id", "partnership_id", "person__role_in_own_words"
    ):
        people.setdefault(person, [words, set()])[1].add(partnership_id)
    shown = [p for p in names if partnership is None or p == partnership]
    months = list(period.months())
    counts = {(month, p): 0 for month in months for p in shown}
    active_people = set()
    for person, month in pairs:
        if person not in people:
            continue
        active_people.add(person)
        for p in people[person][1]:
            if (month, p) in counts:
                counts[(month, p)] += 1
    by_month = Chart(
        "active-by-month",
        "People active each month, by partnership",
        ["Month"] + [names[p] for p in shown],
        [[f"{month:%B %Y}"] + [counts[(month, p)] for p in shown] for month in months],
        description=(
            "People who registered for an event, gave feedback, raised or supported a topic "
            "idea, shared a resource, added a note, marked something useful, asked or "
            "answered a question. Someone in two partnerships counts in both."
        ),
    )
    groups = [name for name, _keys in ROLE_GROUPS] + [OTHER, NOT_SAID]
    members = dict.fromkeys(groups, 0)
    active = dict.fromkeys(groups, 0)
    for person, (words, _ps) in people.items():
        group = role_group(words)
        members[group] += 1
        active[group] += person in active_people
    by_role = Chart(
        "active-by-role",
        "Who is reached and who is missing, by role in their own words",
        ["Role", "Members", "Active in the period"],
        [[group, members[group], active[group]] for group in groups],
        description="Members grouped by how they describe their role, against those active.",
    )
    return [by_month, by_role]


def event_charts(period, partnership):
    kinds = Chart(
        "events-by-kind",
        "Event registrations, attendance and waiting lists, by kind",
        ["Kind of event", "Registered", "Came", "On a waiting list"],
        [list(row) for row in events.insights.registrations_by_kind(period, partnership)],
        description="Events starting in the period. Learning set sessions are counted below.",
    )
    ratings = events.insights.feedback_by_month(period, partnership)
    feedback = Chart(
        "feedback-by-month",
        "Event feedback each month",
        ["Month", "Responses", "Average rating (1 to 5)"],
        [[f"{month:%B %Y}", *ratings.get(month, (0, None))] for month in period.months()],
        description="By the month the feedback was given.",
    )
    ideas = events.insights.topic_ideas(period, partnership)
    topics = Chart(
        "topic-ideas",
        "Topic ideas",
        ["Topic ideas", "Number"],
        [
            ["Raised", ideas["raised"]],
            ["Support given", ideas["supported"]],
            ["Turned into events", ideas["scheduled"]],
        ],
        description=(
            "Ideas raised in the period, support given in it, and those ideas that became events."
        ),
    )
    return [kinds, feedback, topics]


def library_chart(period, partnership, names):
    figures = hub.library.insights.per_partnership(period, partnership)
    shown = [p for p in names if partnership is None or p == partnership]
    rows = [
        [names[p], *(figures.get(p, {}).get(k, 0) for k in ("resources", "notes", "useful"))]
        for p in shown
    ]
    if partnership is None and None in figures:
        rows.append(
            ["No partnership", *(figures[None][k] for k in ("resources", "notes", "useful"))]
        )
    return Chart(
        "library",
        "The library, by partnership",
        ["Partnership", "Resources shared", "Notes added", "Marked useful"],
        rows,
        description="By the partnership that shared the resource.",
    )


def question_chart(period, partnership):
    figures = hub.questions.insights.asked_and_answered(period, partnership)
    return Chart(
        "questions",
        "Questions",
        ["Questions", "Number"],
        [
            ["Asked", figures["asked"]],
            ["Answered", figures["answered"]],
            ["Median hours to a first answer", figures["median_hours"]],
        ],
        description="Questions asked in the period, and how soon they had a first answer.",
        drawn_rows=2,
    )


def digest_chart(period, partnership):
    figures = hub.digests.insights.sent_skipped_unsubscribed(period, partnership)
    return Chart(
        "digests",
        "The email digest",
        ["Digest emails", "Number"],
        [
            ["Sent", figures["sent"]],
            ["Skipped: nothing new", figures["skipped"]],
            ["Unsubscribes", figures["unsubscribed"]],
        ],
        description="The hub does not track whether emails are opened.",
    )


def learning_set_chart(period, partnership):
    figures = learning_sets.insights.counts(period, partnership)
    return Chart(
        "learning-sets",
        "Learning sets (counts only)",
        ["Learning sets", "Number"],
        [
            ["Sessions held", figures["sessions"]],
            ["Attendances (people present)", figures["present"]],
            ["Actions agreed", figures["actions"]],
            ["Actions done", figures["actions_done"]],
        ],
        description="Counts only: what is said in a set stays in the set.",
    )


def charts(period, partnership, names):
    """Every chart for ``period`` and a partnership id (None: all); ``names``: {id: name}."""
    return [
        *people_charts(period, partnership, names),
        *event_charts(period, partnership),
        library_chart(period, partnership, names),
        question_chart(period, partnership),
        digest_chart(period, partnership),
        learning_set_chart(period, partnership),
    ]
