"""Demo content for events: a term of huddles, webinars and a gathering (all fictional).

Times are relative to today so the demo always has past and upcoming events. Registrations
are written directly (rather than through ``services.register``) so seeding sends no email;
their reminder rows are scheduled by the service as usual.
"""

from datetime import UTC, datetime, time, timedelta

from django.utils import timezone

from events import services
from events.factories import events_index
from events.models import (
    LONDON,
    EventMaterial,
    EventPage,
    EventSeries,
    Feedback,
    Registration,
    TopicIdea,
)
from hub.people.models import Partnership, User
from hub.themes.models import Theme

JOIN = "https://meet.example.org/hub-demo-"


def _local(days, hour, minute=0):
    """A UTC datetime ``days`` from today at ``hour:minute`` London time."""
    day = timezone.localdate(timezone.now(), LONDON) + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON).astimezone(UTC)


def _people(emails):
    return list(User.objects.filter(email__in=emails))


def _members(count, start=2):
    emails = ["member@example.org", "lead@example.org"] + [
        f"member{n}@example.org" for n in range(start, start + count)
    ]
    return _people(emails)[:count]


def _event(index, slug, **fields):
    themes = fields.pop("themes", [])
    hosts = fields.pop("hosts", [])
    existing = EventPage.objects.child_of(index).filter(slug=slug).first()
    if existing:
        return existing.specific, False
    event = EventPage(slug=slug, **fields)
    index.add_child(instance=event)
    if themes or hosts:
        event.themes.set(themes)
        event.hosts.set(hosts)
        event.save()
    event.save_revision().publish()
    return event, True


def _register(event, people, *, attended=None):
    for person in people:
        taken = Registration.objects.filter(event=event, status="registered").count()
        full = event.capacity is not None and taken >= event.capacity
        registration, created = Registration.objects.get_or_create(
            event=event,
            person=person,
            defaults={"status": "waitlisted" if full else "registered", "attended": attended},
        )
        if created and registration.status == "registered":
            services.schedule_reminders(registration)


FACILITATOR = ("facilitator@example.org",)

# A term of events: when (days from today, London start and end times), who hosts, and how
# many demo members register (``register``: how many, from which member number).
EVENTS = [
    # Past huddles, one hosted by a partnership, with attendance and feedback.
    {
        "slug": "huddle-parents-as-equal-partners",
        "title": "Huddle: parents as equal partners",
        "summary": "Harbourside's parent forum shares how they co-chair their partnership board.",
        "body": "<p>Forty minutes of stories and questions. Bring one thing you have tried.</p>",
        "when": (-21, (12, 30), (13, 15)),
        "partnership": "Harbourside",
        "presenters": "Jess (parent co-chair) and Sam (family hubs manager)",
        "join": "parents",
        "capacity": 30,
        "themes": ("co-production-with-parents", "relational-practice"),
        "register": (12, 2),
        "attended": True,
        "feedback": [
            (
                "member@example.org",
                5,
                "Hearing how the co-chairs share the agenda.",
                "Paying parents",
            ),
            ("member3@example.org", 4, "Practical tips on meeting times.", "More from dads"),
        ],
    },
    {
        "slug": "huddle-measuring-relationships",
        "title": "Huddle: measuring relationships",
        "summary": "What counts as evidence when the change is in how people relate?",
        "when": (-7, (10, 0), (11, 0)),
        "join": "measuring",
        "themes": ("evaluation-and-measuring-what-matters",),
        "register": (8, 10),
        "attended": True,
    },
    # A recorded webinar, public, with its recording and notes.
    {
        "slug": "webinar-trauma-informed-family-hubs",
        "title": "Webinar: trauma-informed family hubs",
        "summary": "A psychologist and two family hub leads on what trauma-informed means day "
        "to day.",
        "body": "<p>Open to anyone working with families. Captions are provided.</p>",
        "kind": EventPage.Kind.WEBINAR,
        "when": (-14, (14, 0), (15, 30)),
        "audience": "public",
        "join": "webinar",
        "themes": ("trauma-informed-whole-family-approaches",),
        "hosts": ("officer@example.org", "facilitator2@example.org"),
        "register": (20, 4),
        "attended": True,
        "materials": [
            {
                "kind": EventMaterial.Kind.RECORDING,
                "title": "Recording: trauma-informed family hubs",
                "url": "https://video.example.org/trauma-informed-family-hubs",
            },
            {
                "kind": EventMaterial.Kind.NOTES,
                "title": "Notes: trauma-informed family hubs",
                "notes": "Three ideas we heard: slow the first contact down; ask what "
                "happened, not what is wrong; look after the staff who hold the stories.",
            },
        ],
    },
    # Upcoming huddles, one hosted by a partnership, and a full one with a waiting list.
    {
        "slug": "huddle-working-with-the-council",
        "title": "Huddle: getting things done inside the council",
        "summary": "Pennine's alliance on finding the people in a big institution who say yes.",
        "when": (3, (12, 30), (13, 15)),
        "partnership": "Pennine",
        "presenters": "Ade and Lou from the alliance",
        "join": "council",
        "capacity": 25,
        "themes": ("working-with-local-authority-hierarchies", "system-behaviours"),
        "register": (9, 2),
    },
    {
        "slug": "huddle-stories-with-consent",
        "title": "Huddle: gathering stories with consent",
        "summary": "A small, hands-on huddle on asking for, recording and retiring stories well.",
        "when": (10, (15, 0), (16, 0)),
        "join": "stories",
        "capacity": 6,
        "themes": ("story-gathering-and-telling",),
        "register": (9, 20),  # six places, three waiting
    },
    # A gathering in person, with venue and accessibility notes.
    {
        "slug": "spring-gathering-birmingham",
        "title": "Programme gathering in Birmingham",
        "summary": "A day together: partnerships' stalls, open space sessions and a shared lunch.",
        "body": "<p>Travel costs are covered for two people per partnership. Tell us about "
        "dietary or access needs when you register.</p>",
        "kind": EventPage.Kind.GATHERING,
        "format": EventPage.Format.IN_PERSON,
        "venue_name": "The Old Print Works",
        "venue_address": "12 Canal Street\nBirmingham B1 2AB",
        "accessibility_notes": "Step-free entrance and lift; hearing loop in the main hall; a "
        "quiet room on the ground floor; accessible toilets on each floor; 5 minutes from New "
        "Street station.",
        "when": (30, (10, 0), (16, 0)),
        "closes": (23, 17),
        "capacity": 80,
        "themes": ("scaling-deep", "relational-practice"),
        "hosts": ("officer@example.org", "facilitator@example.org"),
        "register": (15, 5),
    },
]


def _fields(spec, themes, partnerships):
    """The EventPage fields of one ``EVENTS`` entry."""
    fields = dict(spec)
    days, (hour, minute), (end_hour, end_minute) = fields.pop("when")
    fields["start"] = _local(days, hour, minute)
    fields["end"] = _local(days, end_hour, end_minute)
    if "closes" in fields:
        fields["registration_closes_at"] = _local(*fields.pop("closes"))
    if "join" in fields:
        fields["joining_link"] = JOIN + fields.pop("join")
    if "partnership" in fields:
        name = fields.pop("partnership")
        fields["hosting_partnership"] = next(
            (p for p in partnerships if p.name.startswith(name)), None
        )
    fields["themes"] = [themes[s] for s in fields.get("themes", ()) if s in themes]
    fields["hosts"] = _people(fields.get("hosts", FACILITATOR))
    fields.setdefault("kind", EventPage.Kind.HUDDLE)
    for extra in ("register", "attended", "feedback", "materials"):
        fields.pop(extra, None)
    return fields


def _after(event, spec, officer):
    """Registrations, feedback and materials of one ``EVENTS`` entry (once each)."""
    count, start = spec["register"]
    _register(event, _members(count, start=start), attended=spec.get("attended"))
    for email, rating, valuable, wanted in spec.get("feedback", ()):
        someone = User.objects.filter(email=email).first()
        if someone:
            Feedback.objects.get_or_create(
                event=event,
                person=someone,
                defaults={"rating": rating, "valuable": valuable, "next_wanted": wanted},
            )
    if officer and not event.materials.exists():
        for material in spec.get("materials", ()):
            services.add_material(event, by=officer, **material)


def seed(stdout, scale=1):
    """A term of events. Safe to run again."""
    index = events_index()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    partnerships = list(Partnership.objects.order_by("name"))
    officer = User.objects.filter(email="officer@example.org").first()
    created = 0
    for spec in EVENTS:
        event, new = _event(index, **_fields(spec, themes, partnerships))
        created += new
        _after(event, spec, officer)

    # A monthly huddle series at 12:30 London time, across the clocks changing.
    series, new_series = EventSeries.objects.get_or_create(
        title="Monthly early action huddle",
        defaults={
            "summary": "Forty-five minutes over lunch, first Thursday of the month: one"
            " partnership, one story.",
            "rrule": "FREQ=MONTHLY;BYDAY=1TH;COUNT=6",
            "timezone": "Europe/London",
            "first_start": _local(1, 12, 30),
            "duration": timedelta(minutes=45),
            "joining_link": JOIN + "monthly",
            "capacity": 40,
        },
    )
    if new_series:
        series.themes.set([themes[s] for s in ("early-action",) if s in themes])
    occurrences = services.generate_occurrences(series, index_page=index, by=officer)
    created += len(occurrences)
    first_occurrence = EventPage.objects.filter(series=series).order_by("start").first()
    if first_occurrence:
        _register(first_occurrence, _members(6, start=30))

    # Extra huddles for benchmarks (--scale).
    for n in range(max(scale - 1, 0) * 20):
        _, new = _event(
            index,
            f"benchmark-huddle-{n}",
            title=f"Huddle {n + 1}",
            summary="A short huddle added for the benchmarks.",
            start=_local(n % 60 + 1, 12),
            end=_local(n % 60 + 1, 13),
            capacity=20,
        )
        created += new

    # Topic ideas, with supporters.
    ideas = [
        ("Reaching fathers and male carers", "How are partnerships getting dads involved?"),
        ("Paying parents for their time", "Vouchers, cash, payroll: what works and what is fair?"),
        ("Using WhatsApp safely with families", "Where are the lines, and who sets them?"),
        ("Handing over when funding ends", "Keeping the relationships when the project stops."),
    ]
    proposers = _members(8, start=2)
    for n, (title, description) in enumerate(ideas):
        if TopicIdea.objects.filter(title=title).exists() or not proposers:
            continue
        idea = services.propose_topic_idea(proposers[n % len(proposers)], title, description)
        for supporter in proposers[: 7 - n]:
            services.support_topic_idea(supporter, idea)
    stdout.write(f"  {created} events added.")
