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


def seed(stdout, scale=1):
    """A term of events. Safe to run again."""
    index = events_index()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    partnerships = list(Partnership.objects.order_by("name"))
    officer = User.objects.filter(email="officer@example.org").first()
    facilitator = User.objects.filter(email="facilitator@example.org").first()
    facilitator2 = User.objects.filter(email="facilitator2@example.org").first()
    hosts = [p for p in (facilitator,) if p]

    def theme(*slugs):
        return [themes[s] for s in slugs if s in themes]

    def partnership(name):
        return next((p for p in partnerships if p.name.startswith(name)), None)

    created = 0

    # Past huddles, one hosted by a partnership, with attendance and feedback.
    past, new = _event(
        index,
        "huddle-parents-as-equal-partners",
        title="Huddle: parents as equal partners",
        summary="Harbourside's parent forum shares how they co-chair their partnership board.",
        body="<p>Forty minutes of stories and questions. Bring one thing you have tried.</p>",
        kind=EventPage.Kind.HUDDLE,
        start=_local(-21, 12, 30),
        end=_local(-21, 13, 15),
        hosting_partnership=partnership("Harbourside"),
        presenters="Jess (parent co-chair) and Sam (family hubs manager)",
        joining_link=JOIN + "parents",
        capacity=30,
        themes=theme("co-production-with-parents", "relational-practice"),
        hosts=hosts,
    )
    created += new
    _register(past, _members(12), attended=True)
    for person, rating, valuable, wanted in [
        ("member@example.org", 5, "Hearing how the co-chairs share the agenda.", "Paying parents"),
        ("member3@example.org", 4, "Practical tips on meeting times.", "More from dads"),
    ]:
        someone = User.objects.filter(email=person).first()
        if someone:
            Feedback.objects.get_or_create(
                event=past,
                person=someone,
                defaults={"rating": rating, "valuable": valuable, "next_wanted": wanted},
            )

    second, new = _event(
        index,
        "huddle-measuring-relationships",
        title="Huddle: measuring relationships",
        summary="What counts as evidence when the change is in how people relate?",
        kind=EventPage.Kind.HUDDLE,
        start=_local(-7, 10),
        end=_local(-7, 11),
        joining_link=JOIN + "measuring",
        themes=theme("evaluation-and-measuring-what-matters"),
        hosts=hosts,
    )
    created += new
    _register(second, _members(8, start=10), attended=True)

    # A recorded webinar, public, with its recording, slides and notes.
    webinar, new = _event(
        index,
        "webinar-trauma-informed-family-hubs",
        title="Webinar: trauma-informed family hubs",
        summary="A psychologist and two family hub leads on what trauma-informed means day to day.",
        body="<p>Open to anyone working with families. Captions are provided.</p>",
        kind=EventPage.Kind.WEBINAR,
        start=_local(-14, 14),
        end=_local(-14, 15, 30),
        audience="public",
        joining_link=JOIN + "webinar",
        themes=theme("trauma-informed-whole-family-approaches"),
        hosts=[p for p in (officer, facilitator2) if p],
    )
    created += new
    _register(webinar, _members(20, start=4), attended=True)
    if officer and not webinar.materials.exists():
        services.add_material(
            webinar,
            kind=EventMaterial.Kind.RECORDING,
            title="Recording: trauma-informed family hubs",
            url="https://video.example.org/trauma-informed-family-hubs",
            by=officer,
        )
        services.add_material(
            webinar,
            kind=EventMaterial.Kind.NOTES,
            title="Notes: trauma-informed family hubs",
            notes="Three ideas we heard: slow the first contact down; ask what happened, not "
            "what is wrong; look after the staff who hold the stories.",
            by=officer,
        )

    # Upcoming huddles, one hosted by a partnership, and a full one with a waitlist.
    soon, new = _event(
        index,
        "huddle-working-with-the-council",
        title="Huddle: getting things done inside the council",
        summary="Pennine's alliance on finding the people in a big institution who say yes.",
        kind=EventPage.Kind.HUDDLE,
        start=_local(3, 12, 30),
        end=_local(3, 13, 15),
        hosting_partnership=partnership("Pennine"),
        presenters="Ade and Lou from the alliance",
        joining_link=JOIN + "council",
        capacity=25,
        themes=theme("working-with-local-authority-hierarchies", "system-behaviours"),
        hosts=hosts,
    )
    created += new
    _register(soon, _members(9))

    full, new = _event(
        index,
        "huddle-stories-with-consent",
        title="Huddle: gathering stories with consent",
        summary="A small, hands-on huddle on asking for, recording and retiring stories well.",
        kind=EventPage.Kind.HUDDLE,
        start=_local(10, 15),
        end=_local(10, 16),
        joining_link=JOIN + "stories",
        capacity=6,
        themes=theme("story-gathering-and-telling"),
        hosts=hosts,
    )
    created += new
    _register(full, _members(9, start=20))  # six places, three waiting

    # A gathering in person, with venue and accessibility notes.
    gathering, new = _event(
        index,
        "spring-gathering-birmingham",
        title="Programme gathering in Birmingham",
        summary="A day together: partnerships' stalls, open space sessions and a shared lunch.",
        body="<p>Travel costs are covered for two people per partnership. Tell us about "
        "dietary or access needs when you register.</p>",
        kind=EventPage.Kind.GATHERING,
        format=EventPage.Format.IN_PERSON,
        venue_name="The Old Print Works",
        venue_address="12 Canal Street\nBirmingham B1 2AB",
        accessibility_notes="Step-free entrance and lift; hearing loop in the main hall; a "
        "quiet room on the ground floor; accessible toilets on each floor; 5 minutes from New "
        "Street station.",
        start=_local(30, 10),
        end=_local(30, 16),
        capacity=80,
        registration_closes_at=_local(23, 17),
        themes=theme("scaling-deep", "relational-practice"),
        hosts=[p for p in (officer, facilitator) if p],
    )
    created += new
    _register(gathering, _members(15, start=5))

    # A monthly huddle series at 12:30 London time, across the clocks changing.
    series, new_series = EventSeries.objects.get_or_create(
        title="Monthly early action huddle",
        defaults={
            "summary": "Half an hour, first Thursday of the month: one partnership, one story.",
            "rrule": "FREQ=MONTHLY;BYDAY=1TH;COUNT=6",
            "timezone": "Europe/London",
            "first_start": _local(1, 12, 30),
            "duration": timedelta(minutes=45),
            "joining_link": JOIN + "monthly",
            "capacity": 40,
        },
    )
    if new_series:
        series.themes.set(theme("early-action"))
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
