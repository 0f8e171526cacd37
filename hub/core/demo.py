"""Demo content for the foundation: themes, partnerships and people (all fictional)."""

from django.utils.text import slugify

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from hub.people.factories import (
    DEMO_PASSWORD,
    FacilitatorFactory,
    MembershipFactory,
    OfficerFactory,
    PartnershipFactory,
    UserFactory,
)
from hub.people.models import Membership
from hub.themes.factories import ThemeFactory

# A fixed, published secret so demo officers can sign in: never use it anywhere real.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - demo only, published

THEMES = [
    ("Co-production with parents", "Parents and carers shaping the work as equals."),
    ("Evaluation and measuring what matters", "Knowing whether we are making a difference."),
    ("System behaviours", "Perspective, power and participation across the system."),
    ("Story gathering and telling", "Collecting and sharing stories with care and consent."),
    ("Working online", "Meeting, sharing and including people at a distance."),
    ("Digital safeguarding", "Keeping families and staff safe online."),
    ("Trauma-informed whole-family approaches", "Working with the whole family, with care."),
    ("Language and framing", "The words we use and what they do."),
    ("Working with local authority hierarchies", "Getting things done inside big institutions."),
    ("Scaling deep", "Changing cultures and relationships, not only numbers."),
    ("Early action", "Support that arrives before crisis."),
    ("Relational practice", "Putting relationships at the heart of services."),
]

PARTNERSHIPS = [
    (
        "Harbourside Families Together",
        "Portsmouth",
        "A coastal city partnership led by a parent forum and the council's family hubs.",
    ),
    (
        "Pennine Early Help Alliance",
        "Calderdale",
        "Valley towns joining up early help across health, schools and voluntary groups.",
    ),
    (
        "Riverside Community Partnership",
        "Newcastle upon Tyne",
        "Neighbourhood organisations and parents redesigning the first 1,001 days.",
    ),
    (
        "Fenland Family Futures",
        "Wisbech",
        "A rural partnership reaching families who are far from services.",
    ),
    (
        "Valleys Together",
        "Merthyr Tydfil",
        "Community groups and the health board building support with parents.",
    ),
    (
        "Midlands Parent Voice Network",
        "Walsall",
        "Parents and practitioners co-producing local family support.",
    ),
    (
        "Clyde Connections",
        "Paisley",
        "Voluntary organisations and the council testing relational practice.",
    ),
    (
        "Moorland Villages Partnership",
        "Okehampton",
        "Small villages sharing what works for isolated families.",
    ),
]

ROLES_IN_OWN_WORDS = [
    "parent, and I chair our parents' forum",
    "practitioner in a family hub",
    "senior leader in children's services",
    "community organiser on the estate",
    "health visitor",
    "parent champion (two boys, one with SEND)",
    "family support worker",
    "commissioner for early help",
    "youth worker, mostly evenings",
    "researcher with the local university",
]

# "Ask me about" lines, in people's own words (some leave it blank).
ASK_ME_ABOUT = [
    "paying parents fairly for their time",
    "running a WhatsApp group that stays kind",
    "getting a council team to try something small first",
    "",
    "the first 1,001 days and home visits",
    "telling your story without retelling it every time",
    "",
    "evaluation on a small budget, and what we stopped counting",
    "keeping teenagers involved when the funding changes",
    "story circles and how we write them up with consent",
]

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Carys",
    "Dev",
    "Ellie",
    "Femi",
    "Grace",
    "Hamza",
    "Isla",
    "Jamal",
    "Kerry",
    "Liam",
    "Maya",
    "Niamh",
    "Owen",
    "Priya",
    "Rhys",
    "Sana",
    "Tom",
    "Una",
]
# 17 surnames and a step of 7: neighbours in a partnership do not share a surname.
LAST_NAMES = [
    "Ahmed",
    "Brown",
    "Campbell",
    "Davies",
    "Evans",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lewis",
    "McCarthy",
    "Nwosu",
    "O'Neill",
    "Patel",
    "Quinn",
]


def seed(stdout, scale=1):
    """Create the demo's themes, partnerships and people. Safe to run again."""
    themes = [ThemeFactory(name=name, slug=slugify(name), description=d) for name, d in THEMES]
    officers = [
        OfficerFactory(email="officer@example.org", display_name="Olu Adeyemi", is_superuser=True),
        OfficerFactory(email="officer2@example.org", display_name="Helen Marsh"),
    ]
    facilitators = [
        FacilitatorFactory(email="facilitator@example.org", display_name="Rosa Lindqvist"),
        FacilitatorFactory(email="facilitator2@example.org", display_name="Kwame Boateng"),
    ]
    # Everyone who can open the admin signs in with two steps; the demo's share one secret.
    for person in officers + facilitators:
        if not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(person, DEMO_TOTP_SECRET)

    people = 0
    for index, (name, locality, description) in enumerate(PARTNERSHIPS * scale):
        suffix = "" if index < len(PARTNERSHIPS) else f" {index // len(PARTNERSHIPS) + 1}"
        partnership = PartnershipFactory(
            name=f"{name}{suffix}",
            slug=slugify(f"{name}{suffix}"),
            locality=locality,
            description=description,
        )
        for n in range(5):
            number = index * 5 + n
            email = (
                "lead@example.org"
                if number == 0
                else ("member@example.org" if number == 1 else f"member{number}@example.org")
            )
            person = UserFactory(
                email=email,
                display_name=(
                    f"{FIRST_NAMES[number % len(FIRST_NAMES)]} "
                    f"{LAST_NAMES[(number * 7 + 3) % len(LAST_NAMES)]}"
                ),
                role_in_own_words=ROLES_IN_OWN_WORDS[number % len(ROLES_IN_OWN_WORDS)],
            )
            if not person.ask_me_about and ASK_ME_ABOUT[number % len(ASK_ME_ABOUT)]:
                person.ask_me_about = ASK_ME_ABOUT[number % len(ASK_ME_ABOUT)]
                # One in seven chose to stay out of the directory; the demo shows both.
                person.in_directory = number % 7 != 6
                person.save(update_fields=["ask_me_about", "in_directory"])
            if not person.themes.exists():
                person.themes.set([themes[number % 12], themes[(number * 5 + 3) % 12]])
            MembershipFactory(
                person=person,
                partnership=partnership,
                role=Membership.Role.LEAD if n == 0 else Membership.Role.MEMBER,
            )
            people += 1
    stdout.write(
        f"  {len(themes)} themes, {len(PARTNERSHIPS) * scale} partnerships, {people} members"
    )
    return {"themes": themes}


def sign_ins():
    """Every demo account that can sign in, by role, as ``seed_demo`` prints it."""
    from hub.people import roles
    from hub.people.models import Membership, User

    people = [
        p for p in User.objects.filter(is_active=True).order_by("email") if p.has_usable_password()
    ]
    roles.warm(people)
    team = [p for p in people if roles.is_programme_team(p)]
    lines = [
        f"Demo sign-ins (password for all: {DEMO_PASSWORD}). Officers and facilitators",
        "also give a two-step code: .venv/bin/python manage.py demo_totp_code",
    ]
    for person in team:
        role = "programme officer" if roles.is_officer(person) else "facilitator"
        if person.is_superuser:
            role += " (and superuser)"
        lines.append(f"  {person.email:<28} {person.display_name}, {role}")
    memberships = (
        Membership.objects.filter(person__in=people)
        .select_related("person", "partnership")
        .order_by("partnership__name", "-role", "person__email")
    )
    listed = {p.pk for p in team}
    partnership = None
    for membership in memberships:
        if membership.partnership != partnership:
            partnership = membership.partnership
            lines.append(f"{partnership.name}:")
        role = "lead" if membership.role == Membership.Role.LEAD else "member"
        lines.append(f"  {membership.person.email:<28} {membership.person.display_name}, {role}")
        listed.add(membership.person_id)
    others = [p for p in people if p.pk not in listed]
    if others:
        lines.append("Others:")
        lines += [f"  {p.email:<28} {p.display_name}" for p in others]
    return "\n".join(lines) + "\n"
