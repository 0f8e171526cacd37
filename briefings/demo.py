"""Demo briefings, written for the demo (all fictional). Safe to run again."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.rich_text import RichText

from hub.people.models import User
from hub.themes.models import Theme

from . import services
from .factories import demo_image, offline_embed
from .models import Audience, BriefingPage

VIDEO_URL = "https://vimeo.com/76979871"


def voice(quote, role, partnership="", name=""):
    return {
        "quote": quote,
        "role": role,
        "partnership": partnership,
        "name": name,
        "consent_to_name": bool(name),
    }


def _document(title, filename, text, collection):
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(text.encode()), save=False)
        document.save()
    return document


def _paragraph(html):
    return ("paragraph", RichText(f"<p>{html}</p>"))


def _quote(quote, role, partnership="", name=""):
    return ("voice", voice(quote, role, partnership, name))


def _commentary(html, *voices):
    return (
        "commentary_narrative",
        {"commentary": RichText(f"<p>{html}</p>"), "voices": list(voices)},
    )


def _lessons(heading, *lessons):
    return ("key_lessons", {"heading": heading, "lessons": list(lessons)})


def _download(document, title, description):
    return ("document", {"document": document, "title": title, "description": description})


def _prompts(*prompts, heading="Questions to reflect on"):
    return ("reflection_prompts", {"heading": heading, "prompts": list(prompts)})


def _briefings(today, image, public_doc, private_doc):
    """Four briefings in the learning team's voice; every block type appears at least once."""
    return [
        {
            "series_number": 1,
            "title": "Parents at the table, not on the agenda",
            "summary": "What changes when parents help run a partnership rather than advise it, "
            "and what it costs to do properly.",
            "publication_date": today - datetime.timedelta(days=200),
            "themes": ["Co-production with parents", "System behaviours", "Relational practice"],
            "audience": Audience.PUBLIC,
            "body": [
                ("heading", "Why this briefing"),
                _paragraph(
                    "Every partnership in the programme says it works <b>with</b> "
                    "parents. Over the last year we asked what that looks like on a wet "
                    "Tuesday, when the meeting is at 10am and the bus is late."
                ),
                _quote(
                    "The first time, I sat at the back and nobody explained the acronyms. "
                    "By the third meeting I was chairing the bit about the family hub.",
                    "parent",
                    "Harbourside Families Together",
                ),
                ("heading", "What we heard"),
                _commentary(
                    "Across the partnerships, parents stayed involved when the invitation "
                    "was specific, paid and followed up. Where parents were asked only for a "
                    "view, they drifted away.",
                    voice(
                        "We stopped asking 'what do you think?' and started asking "
                        "'will you run this with us?'",
                        "senior leader",
                        "Pennine Early Help Alliance",
                    ),
                    voice("Being paid for my time said my time mattered.", "parent champion"),
                ),
                _lessons(
                    "Key lessons",
                    "Pay parents for their time, and pay them quickly.",
                    "Explain the jargon once, out loud, every time someone new joins.",
                    "Give parents real decisions, not only consultation.",
                ),
                (
                    "image",
                    {
                        "image": image,
                        "alt_text": "A wall covered in handwritten sticky notes after a "
                        "parents' planning session",
                        "caption": "Ideas from a planning session run by parents.",
                    },
                ),
                ("heading", "Questions for your partnership"),
                _prompts(
                    "What resonates with you in these stories?",
                    "Which decision could parents in your partnership own next?",
                    "What would you like to explore at a future huddle?",
                    heading="Over to you",
                ),
            ],
        },
        {
            "series_number": 2,
            "title": "Measuring what matters to families",
            "summary": "Partnerships are moving from counting contacts to noticing change "
            "that families themselves describe. Here is how, and where it gets hard.",
            "publication_date": today - datetime.timedelta(days=110),
            "themes": ["Evaluation and measuring what matters", "Story gathering and telling"],
            "audience": Audience.PUBLIC,
            "body": [
                _paragraph(
                    "Funders need numbers; families rarely describe their lives in them. "
                    "This briefing gathers what partnerships tried when they put the two "
                    "side by side."
                ),
                (
                    "callout",
                    {
                        "title": "Try this at your next meeting",
                        "text": RichText(
                            "<p>Ask three families what 'better' would look like for them, "
                            "and write their words into your outcomes as they said them.</p>"
                        ),
                    },
                ),
                _quote(
                    "The spreadsheet said we'd had 40 contacts. The mum said she finally "
                    "slept. Only one of those went in the report.",
                    "family support worker",
                    "Fenland Family Futures",
                ),
                (
                    "video",
                    {
                        "video": VIDEO_URL,
                        "title": "Three parents talk about what changed for them",
                        "transcript_url": "",
                    },
                ),
                _download(
                    public_doc,
                    "A one-page guide to most-significant-change stories",
                    "Plain text, printable.",
                ),
                (
                    "related_link",
                    {
                        "page": None,
                        "url": "https://example.org/story-consent-toolkit",
                        "title": "A story consent toolkit (example link)",
                        "description": "Questions to ask before you record anyone's story.",
                    },
                ),
                _prompts(
                    "Whose words end up in your reports, and whose are left out?",
                    "What is one measure you would stop collecting tomorrow?",
                ),
            ],
        },
        {
            "series_number": 3,
            "title": "What is not working yet: honest notes from the spring gathering",
            "summary": "For the programme only. Partnerships were candid about stalled work "
            "with their councils; these notes keep that trust.",
            "publication_date": today - datetime.timedelta(days=30),
            "themes": ["Working with local authority hierarchies", "Scaling deep"],
            "audience": Audience.PROGRAMME,
            "body": [
                _paragraph(
                    "At the spring gathering we asked each partnership to name one thing "
                    "that had stalled. These notes are for the programme only, as agreed in "
                    "the room."
                ),
                _commentary(
                    "The common thread was timing: decisions that parents shaped were later "
                    "reopened by people who had not been in the room.",
                    voice(
                        "We co-designed the offer for a year and then the budget paper went "
                        "to committee without us.",
                        "community organiser",
                    ),
                    voice(
                        "I can open doors inside the council, but I can't keep them open on "
                        "my own.",
                        "commissioner",
                    ),
                ),
                _download(
                    private_doc,
                    "Full notes from the spring gathering",
                    "For programme members only.",
                ),
                _prompts(
                    "Where has a decision been reopened in your partnership?",
                    "Who could you bring into the room earlier next time?",
                ),
            ],
        },
        {
            "series_number": 4,
            "title": "Safe and welcoming online spaces",
            "summary": "How partnerships keep online huddles warm and safe for parents joining "
            "from a phone, and what to do when something goes wrong.",
            "publication_date": today - datetime.timedelta(days=5),
            "themes": ["Working online", "Digital safeguarding"],
            "audience": Audience.PUBLIC,
            "body": [
                ("heading", "Before the call"),
                _paragraph(
                    "Send the link by text as well as email, and say plainly that cameras "
                    "are optional."
                ),
                ("heading", "During the call"),
                _quote(
                    "I joined from the school car park on my phone. Nobody minded, and "
                    "that's why I came back.",
                    "parent",
                    "Valleys Together",
                    name="Carys",
                ),
                ("heading", "When something goes wrong"),
                _lessons(
                    "What partnerships agreed",
                    "Name a second host who can remove someone from the call.",
                    "Never record without asking everyone first.",
                ),
                _prompts("What makes an online space feel safe to you?"),
            ],
        },
        {
            "series_number": 5,
            "title": "Early action: support before the crisis",
            "summary": "Scheduled: what the partnerships are learning about reaching families "
            "earlier, and the language that helps.",
            "publication_date": today + datetime.timedelta(days=7),
            "themes": ["Early action", "Language and framing"],
            "audience": Audience.PUBLIC,
            "scheduled": True,
            "body": [
                _paragraph(
                    "Families told us they waited until things were serious because "
                    "'early help' sounded like being watched."
                ),
                _prompts("Which words put families off asking for help?"),
            ],
        },
    ]


def seed(stdout, scale=1):
    """Create the demo briefings (one programme-only, one scheduled) and a few responses."""
    index = services.ensure_index()
    today = timezone.localdate()
    themes = {theme.name: theme for theme in Theme.objects.all()}
    offline_embed(VIDEO_URL, "Three parents talk about what changed for them")
    image = demo_image()
    root = Collection.get_first_root_node()
    private_collection = Collection.objects.get(name="Programme only")
    public_doc = _document(
        "Most significant change: a one-page guide",
        "most-significant-change.txt",
        "1. Ask: what was the most significant change for you?\n2. Listen.\n3. Ask why.\n",
        root,
    )
    private_doc = _document(
        "Spring gathering notes (programme only)",
        "spring-gathering-notes.txt",
        "Notes from the spring gathering, for the programme only.\n",
        private_collection,
    )
    authors = list(User.objects.filter(email__in=["facilitator@example.org"]))
    created = 0
    pages = []
    for spec in _briefings(today, image, public_doc, private_doc):
        slug = slugify(spec["title"])[:80]
        page = BriefingPage.objects.filter(slug=slug).first()
        if page is None:
            scheduled = spec.pop("scheduled", False)
            theme_names = spec.pop("themes")
            page = BriefingPage(slug=slug, live=False, **spec)
            index.add_child(instance=page)
            page.themes.set([themes[name] for name in theme_names if name in themes])
            page.authors.set(authors)
            if scheduled:
                go_live = timezone.now() + datetime.timedelta(days=7)
                page.go_live_at = go_live
                page.save_revision(approved_go_live_at=go_live).publish()
            else:
                page.save_revision().publish()
            page.refresh_from_db()
            created += 1
        pages.append(page)

    member = User.objects.filter(email="member@example.org").first()
    lead = User.objects.filter(email="lead@example.org").first()
    first = pages[0]
    if member and lead and not first.responses.exists():
        prompts = first.prompts
        services.respond(
            member,
            first,
            prompts[0][0],
            "The bit about acronyms. We still say **MASH** and **TAF** without thinking.",
        )
        services.respond(
            lead,
            first,
            prompts[1][0],
            "Our parent forum could own the family hub's opening hours. "
            "Let's talk about it at the next steering group.",
            partnership=lead.partnerships.first(),
        )
    stdout.write(f"  {len(pages)} briefings ({created} new), one programme-only, one scheduled")
    return {"briefings": pages}
