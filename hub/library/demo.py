"""Demo library: about forty resources of every type, notes on many, and two stories with
consent records. All fictional. Safe to run again (each resource is looked up by title)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from hub.library.factories import PDF_BYTES
from hub.library.models import Note, Resource, StoryConsent, UsefulMark, Visibility
from hub.people.models import Membership, Partnership, User
from hub.themes.models import Theme

T = Resource.Type
K = Resource.Kind
V = Visibility

# (title, type, kind, visibility, description, theme slugs' first words)
RESOURCES = [
    (
        "Starting a parent panel: a practical guide",
        T.GUIDE,
        K.FILE,
        V.PUBLIC,
        "Twelve pages on recruiting, paying and supporting parents who sit on a panel, "
        "written with the parents on ours.",
        ["co-production"],
    ),
    (
        "Paying parents for their time",
        T.GUIDE,
        K.LINK,
        V.PROGRAMME,
        "Our finance team's note on vouchers, cash and benefits rules, and what we settled on.",
        ["co-production"],
    ),
    (
        "Running a hybrid meeting people actually enjoy",
        T.GUIDE,
        K.VIDEO,
        V.PUBLIC,
        "A ten-minute film of our chair walking through the room set-up and the rules we use.",
        ["working-online"],
    ),
    (
        "Plain words list for letters to families",
        T.TOOL,
        K.FILE,
        V.PUBLIC,
        "Phrases we stopped using in letters, and what we write instead. Built with parents.",
        ["language-and-framing"],
    ),
    (
        "Whole-family conversation prompts",
        T.TOOL,
        K.LINK,
        V.PROGRAMME,
        "Cards for first visits that start from what the family wants to talk about.",
        ["trauma-informed-whole-family-approaches", "relational-practice"],
    ),
    (
        "Most significant change: our collection sheet",
        T.TEMPLATE,
        K.FILE,
        V.PROGRAMME,
        "The one-page sheet we use to gather change stories, with prompts and a consent box.",
        ["evaluation-and-measuring-what-matters", "story-gathering-and-telling"],
    ),
    (
        "Partnership agreement template",
        T.TEMPLATE,
        K.FILE,
        V.PUBLIC,
        "How our partners agreed to share decisions, money and credit. Edit it to fit.",
        ["system-behaviours"],
    ),
    (
        "Online safety checklist for parent groups",
        T.TOOL,
        K.FILE,
        V.PROGRAMME,
        "What to set up before running a group chat or video call with families.",
        ["digital-safeguarding", "working-online"],
    ),
    (
        "Year one evaluation: what changed for families",
        T.EVALUATION,
        K.FILE,
        V.PARTNERSHIP,
        "Our first-year report, with the data and the stories behind it. Draft: for us first.",
        ["evaluation-and-measuring-what-matters"],
    ),
    (
        "Independent evaluation of the early help hubs",
        T.EVALUATION,
        K.LINK,
        V.PUBLIC,
        "The university team's report on three years of early help hubs, with a short summary.",
        ["early-action", "evaluation-and-measuring-what-matters"],
    ),
    (
        "What the research says about relational practice",
        T.RESEARCH,
        K.LINK,
        V.PUBLIC,
        "A short reading list with a paragraph on each: what it found and why it matters here.",
        ["relational-practice"],
    ),
    (
        "Survey of parents' trust in services",
        T.RESEARCH,
        K.FILE,
        V.PROGRAMME,
        "Results of our survey of 400 parents, as a spreadsheet and a two-page summary.",
        ["co-production", "system-behaviours"],
    ),
    (
        "Session recording: power and participation",
        T.RECORDING,
        K.VIDEO,
        V.PROGRAMME,
        "The recording of the spring learning session on who holds power in our partnerships.",
        ["system-behaviours"],
    ),
    (
        "Session recording: scaling deep in practice",
        T.RECORDING,
        K.VIDEO,
        V.PROGRAMME,
        "Three partnerships describe changing culture rather than adding services.",
        ["scaling-deep"],
    ),
    (
        "Navigating council sign-off: a route map",
        T.GUIDE,
        K.FILE,
        V.PROGRAMME,
        "Who signs what, in which order, and the shortcuts we found in our council.",
        ["working-with-local-authority-hierarchies"],
    ),
    (
        "Theory of change workshop plan",
        T.TEMPLATE,
        K.FILE,
        V.PUBLIC,
        "A half-day plan with timings, materials and the questions that got people talking.",
        ["evaluation-and-measuring-what-matters"],
    ),
    (
        "Family feedback cards",
        T.TOOL,
        K.FILE,
        V.PUBLIC,
        "Postcard-sized feedback with pictures, for families who would rather not fill forms.",
        ["co-production", "evaluation-and-measuring-what-matters"],
    ),
    (
        "Data sharing agreement we used",
        T.TEMPLATE,
        K.FILE,
        V.PARTNERSHIP,
        "The agreement between the council, the health trust and two charities. Ours only.",
        ["digital-safeguarding"],
    ),
    (
        "Early help in rural places",
        T.RESEARCH,
        K.LINK,
        V.PUBLIC,
        "A summary of what is known about reaching families far from services.",
        ["early-action"],
    ),
    (
        "Language guide: talking about families without labels",
        T.GUIDE,
        K.LINK,
        V.PUBLIC,
        "Why we dropped 'hard to reach' and 'troubled', and the words parents chose instead.",
        ["language-and-framing"],
    ),
    (
        "Co-design sprint: five days with parents",
        T.GUIDE,
        K.FILE,
        V.PROGRAMME,
        "Day by day, what we did in a five-day design sprint with eight parents.",
        ["co-production"],
    ),
    (
        "Reflective practice log",
        T.TEMPLATE,
        K.FILE,
        V.PROGRAMME,
        "A weekly log for practitioners: what happened, what I noticed, what I will try.",
        ["relational-practice", "trauma-informed-whole-family-approaches"],
    ),
    (
        "Video call etiquette for family meetings",
        T.GUIDE,
        K.VIDEO,
        V.PUBLIC,
        "A short animation families helped script about joining calls and staying safe.",
        ["working-online", "digital-safeguarding"],
    ),
    (
        "Measuring relationships: a short scale",
        T.TOOL,
        K.FILE,
        V.PROGRAMME,
        "Six questions we ask families every quarter, and how we read the answers.",
        ["evaluation-and-measuring-what-matters", "relational-practice"],
    ),
    (
        "Mapping the local system: a workshop",
        T.TOOL,
        K.LINK,
        V.PROGRAMME,
        "How we drew the system with families and staff on one very long sheet of paper.",
        ["system-behaviours"],
    ),
    (
        "Trauma-informed reception: a checklist",
        T.TOOL,
        K.FILE,
        V.PUBLIC,
        "What families notice when they first walk in, and the small changes we made.",
        ["trauma-informed-whole-family-approaches"],
    ),
    (
        "Budget template for parent-led projects",
        T.TEMPLATE,
        K.FILE,
        V.PARTNERSHIP,
        "The spreadsheet our parent group uses to plan and track small grants.",
        ["co-production"],
    ),
    (
        "Interim evaluation: family hubs pilot",
        T.EVALUATION,
        K.FILE,
        V.PROGRAMME,
        "Halfway findings from the pilot, including what did not work and why.",
        ["early-action", "evaluation-and-measuring-what-matters"],
    ),
    (
        "Peer review of partnership working",
        T.EVALUATION,
        K.LINK,
        V.PROGRAMME,
        "Two partnerships reviewed each other's ways of working. This is what they found.",
        ["system-behaviours", "scaling-deep"],
    ),
    (
        "Evidence review: parent peer support",
        T.RESEARCH,
        K.FILE,
        V.PUBLIC,
        "Twenty studies on peer support between parents, in plain words.",
        ["co-production", "early-action"],
    ),
    (
        "Session recording: evaluation surgery",
        T.RECORDING,
        K.VIDEO,
        V.PROGRAMME,
        "Partnerships bring evaluation questions; the learning partner helps untangle them.",
        ["evaluation-and-measuring-what-matters"],
    ),
    (
        "Session recording: language and framing",
        T.RECORDING,
        K.VIDEO,
        V.PUBLIC,
        "A public talk from the programme's language day, with captions.",
        ["language-and-framing"],
    ),
    (
        "Community conversations toolkit",
        T.TOOL,
        K.FILE,
        V.PUBLIC,
        "Everything for running a conversation in a café or a school hall, with flyers.",
        ["co-production", "relational-practice"],
    ),
    (
        "Escalation routes inside the council",
        T.GUIDE,
        K.LINK,
        V.PARTNERSHIP,
        "Who to talk to when a decision is stuck. Names removed; ours only.",
        ["working-with-local-authority-hierarchies"],
    ),
    (
        "Working with schools as partners",
        T.GUIDE,
        K.FILE,
        V.PROGRAMME,
        "Lessons from two years of bringing head teachers into the partnership.",
        ["early-action", "system-behaviours"],
    ),
    (
        "Story gathering with consent: a how-to",
        T.GUIDE,
        K.FILE,
        V.PUBLIC,
        "How we ask for, record and review consent when gathering families' stories.",
        ["story-gathering-and-telling"],
    ),
    (
        "Onboarding pack for new parent champions",
        T.TEMPLATE,
        K.FILE,
        V.PROGRAMME,
        "The welcome pack: role outline, expenses form, safeguarding basics and who to call.",
        ["co-production", "digital-safeguarding"],
    ),
    (
        "Spreadsheet: families reached by area",
        T.RESEARCH,
        K.FILE,
        V.PARTNERSHIP,
        "Quarterly counts by ward, with notes on what changed and why.",
        ["evaluation-and-measuring-what-matters"],
    ),
]

STORIES = [
    (
        "A dad's first year at the family hub",
        "A father tells how a chance conversation at a stay-and-play led to him co-chairing "
        "the parent panel, and what he wishes staff had known at the start.",
        StoryConsent.Use.PUBLIC,
        V.PUBLIC,
        "The teller (a father in our parent panel)",
    ),
    (
        "Finding our way back to school",
        "A mother and her daughter describe two years of school refusal and the worker who "
        "kept turning up. Names and the school are changed.",
        StoryConsent.Use.PROGRAMME,
        V.PROGRAMME,
        "The teller, with her daughter's agreement",
    ),
]

NOTES = [
    "We used this at our parents' forum. It took longer than planned but people said it "
    "was the first time they felt listened to.",
    "Adapted the wording for our area and it worked well with staff. Families wanted shorter.",
    "Tried it in two teams: the one that had a champion kept going, the other let it slide.",
    "The section on paying people saved us a month of arguing with finance.",
    "We printed it, laminated it and it lives on the wall of the hub now.",
    "Honest note: it did not fit our rural setting. The ideas were good though.",
    "Our council's information governance team accepted this almost unchanged.",
    "Used the prompts in supervision. Staff said it changed how they open conversations.",
]

FILE_SAMPLES = {
    "pdf": (PDF_BYTES, "application/pdf"),
    "csv": (
        b"area,quarter,families\nNorth,Q1,42\nNorth,Q2,51\nSouth,Q1,37\nSouth,Q2,45\n",
        "text/csv",
    ),
    "txt": (
        b"Notes from the session. Keep it short, warm and in plain words.\n",
        "text/plain",
    ),
}


def _file_for(title):
    extension = "csv" if "Spreadsheet" in title or "Budget" in title else "pdf"
    if "log" in title.lower():
        extension = "txt"
    body, content_type = FILE_SAMPLES[extension]
    name = f"{'-'.join(title.lower().split()[:4]).strip(':,')}.{extension}"
    return name, body, content_type


def _themes(slug_starts):
    return [
        theme for theme in Theme.objects.all() if any(theme.slug.startswith(s) for s in slug_starts)
    ]


def seed(stdout, scale=1):
    """Create the demo library. Safe to run twice."""
    partnerships = list(Partnership.objects.order_by("name"))
    if not partnerships:
        stdout.write("  no partnerships yet: run the core seeder first")
        return
    members = list(
        Membership.objects.select_related("person", "partnership").order_by("partnership", "pk")
    )
    people = [m.person for m in members] or list(User.objects.all()[:5])
    now = timezone.now()
    made = 0
    rows = RESOURCES * scale
    for index, (title, rtype, kind, visibility, description, slugs) in enumerate(rows):
        if index >= len(RESOURCES):
            title = f"{title} (copy {index // len(RESOURCES) + 1})"
        membership = members[(index * 3) % len(members)] if members else None
        resource = Resource.objects.filter(title=title).first()
        if resource is None:
            resource = Resource(
                title=title,
                resource_type=rtype,
                kind=kind,
                visibility=visibility,
                description=description,
                partnership=membership.partnership if membership else partnerships[0],
                shared_by=membership.person if membership else None,
                created_at=now - timedelta(days=index * 4 + 1, hours=index),
            )
            if kind == K.FILE:
                name, body, content_type = _file_for(title)
                resource.file.save(name, ContentFile(body), save=False)
                resource.file_name, resource.file_size = name, len(body)
                resource.content_type = content_type
            elif kind == K.VIDEO:
                resource.url = f"https://vimeo.com/{700000 + index}"
            else:
                resource.url = f"https://example.org/library/{index + 1}"
            resource.save()
            resource.themes.set(_themes(slugs))
            made += 1
        _seed_engagement(resource, index, people)

    for index, (title, description, use, visibility, who) in enumerate(STORIES):
        story = Resource.objects.filter(title=title).first()
        if story is None:
            teller = people[(index * 7 + 1) % len(people)]
            story = Resource.objects.create(
                title=title,
                resource_type=T.STORY,
                kind=K.LINK,
                url=f"https://example.org/stories/{index + 1}",
                description=description,
                partnership=partnerships[index % len(partnerships)],
                shared_by=teller,
                visibility=visibility,
                public_use_consented=use == StoryConsent.Use.PUBLIC,
                created_at=now - timedelta(days=index * 9 + 2),
            )
            StoryConsent.objects.create(
                resource=story,
                consented_by=who,
                teller=teller,
                use=use,
                anonymised=True,
                review_date=(now + timedelta(days=180 + index * 60)).date(),
            )
            story.themes.set(_themes(["story-gathering"]))
            made += 1
    stdout.write(f"  {made} new resources ({Resource.objects.count()} in the library)")


def _seed_engagement(resource, index, people):
    """A few notes and useful marks, so "most useful" and engagement mean something."""
    if resource.notes.exists() or not people:
        return
    for n in range(index % 4):
        Note.objects.create(
            resource=resource,
            author=people[(index + n * 5) % len(people)],
            body=NOTES[(index + n) % len(NOTES)],
            created_at=resource.created_at + timedelta(days=n + 1),
        )
    marks = [
        UsefulMark(resource=resource, person=people[(index * 2 + n) % len(people)])
        for n in range((index * 7) % 6)
    ]
    UsefulMark.objects.bulk_create(marks, ignore_conflicts=True)
    Resource.objects.filter(pk=resource.pk).update(
        note_count=resource.notes.count(), useful_count=resource.useful_marks.count()
    )
