"""Demo briefings, written for the demo (all fictional). Safe to run again."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.rich_text import RichText

from hub.core.documents import private_collection as programme_only_collection
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


def _parents_at_the_table(image):
    """The demo's one full-length briefing, written as a learning history: the learning team's
    commentary (making sense) beside the narrative (parents', practitioners' and leaders' own
    words), over one year of three partnerships."""
    return [
        ("heading", "Why this briefing"),
        _paragraph(
            "Every partnership in the programme says it works <b>with</b> parents. Over the "
            "last year we asked what that looks like on a wet Tuesday, when the meeting is at "
            "10am and the bus is late. We followed three partnerships, Harbourside Families "
            "Together, Pennine Early Help Alliance and Valleys Together, from the first "
            "invitation to the point where parents were running part of the work."
        ),
        _paragraph(
            "This is a learning history. On the left of each section is our commentary: what "
            "we think was going on. On the right are the words of the people who were there: "
            "parents, practitioners and leaders. They do not always agree with us, or with "
            "each other, and we have left it that way. Quotes are given with a role, not a "
            "name, unless the person asked to be named."
        ),
        ("heading", "1. The first invitation"),
        _commentary(
            "In all three partnerships the first invitation was general: come and tell us "
            "what you think. Parents who came once often did not come again. Nobody had been "
            "unkind; the meeting simply had no place for them. The agenda had been written "
            "before they arrived, and the papers assumed a reader who already knew the "
            "services by their initials.",
            voice(
                "The first time, I sat at the back and nobody explained the acronyms. I went "
                "home and looked up MASH. By the third meeting I was chairing the bit about "
                "the family hub, but I nearly didn't go back after the first.",
                "parent",
                "Harbourside Families Together",
            ),
            voice(
                "We thought we were being welcoming. Looking back, we were welcoming people "
                "into our meeting, not making a meeting with them.",
                "family hub manager",
                "Harbourside Families Together",
            ),
        ),
        ("heading", "2. From a view to a job"),
        _commentary(
            "The turning point came when the invitation changed from asking for a view to "
            "asking for a piece of work with a beginning and an end. A job can be said yes "
            "or no to; an open invitation to 'have a say' leaves a parent guessing what is "
            "wanted and whether they are doing it right.",
            voice(
                "We stopped asking 'what do you think?' and started asking 'will you run this "
                "with us?'",
                "senior leader",
                "Pennine Early Help Alliance",
            ),
            voice(
                "When they asked me to plan the Saturday drop-in, I knew what I was for. I "
                "could say what day, what time, who to ask. That was the first time it felt "
                "like mine.",
                "parent",
                "Pennine Early Help Alliance",
            ),
            voice(
                "It was uncomfortable to hand over something we would be judged on. The "
                "drop-in was better than the ones we had run.",
                "early help practitioner",
                "Pennine Early Help Alliance",
            ),
        ),
        ("heading", "3. Paying for time"),
        _commentary(
            "Payment was the question every partnership came back to. Paying parents for "
            "their time was agreed in principle everywhere; paying them quickly was much "
            "harder. A voucher that arrives six weeks later, after a form that asks for a "
            "national insurance number, tells a parent something different from what the "
            "partnership meant to say.",
            voice("Being paid for my time said my time mattered.", "parent champion"),
            voice(
                "The first payment took two months. I had childcare to pay for that week. I "
                "didn't say anything, but I nearly stopped.",
                "parent",
                "Valleys Together",
            ),
            voice(
                "We now pay on the day, in cash or by bank transfer, from a small fund the "
                "board signed off once. It took a year to get there and it was worth it.",
                "partnership lead",
                "Valleys Together",
            ),
        ),
        ("heading", "4. Who holds the pen"),
        _commentary(
            "Parents were often in the room when a decision was discussed and absent when it "
            "was written down. The minutes, the funding bid and the board paper were drafted "
            "by staff, and the parents' words were paraphrased into the language of the "
            "service. Where partnerships let parents write, or at least sign off, the words "
            "that went forward, trust held.",
            voice(
                "I read the board paper and didn't recognise what I'd said. It was all "
                "'service users expressed a preference'. I'd said my son was scared of the "
                "building.",
                "parent",
                "Harbourside Families Together",
            ),
            voice(
                "Now a parent reads every paper before it goes, and we keep one quote in "
                "their words on the front page. It slows us down by a week. Nobody on the "
                "board has complained.",
                "commissioner",
                "Harbourside Families Together",
            ),
        ),
        (
            "image",
            {
                "image": image,
                "alt_text": "A wall covered in handwritten sticky notes after a parents' "
                "planning session",
                "caption": "Ideas from a planning session run by parents in Calderdale.",
            },
        ),
        ("heading", "5. What it cost, and who paid"),
        _commentary(
            "Co-production was not free, and the costs did not fall evenly. Staff gave "
            "evenings; parents gave time they would otherwise have spent working or caring. "
            "The partnerships that kept going were honest about the cost up front and put it "
            "in the budget, rather than hoping goodwill would cover it.",
            voice(
                "Evening meetings suited the parents and didn't suit my contract. Something "
                "had to give, and for a while it was me.",
                "early help practitioner",
                "Pennine Early Help Alliance",
            ),
            voice(
                "We costed it properly in the second year: payments, travel, a crèche, and two "
                "days a month of a worker's time. It was less than we spent on one "
                "consultation that nobody read.",
                "senior leader",
                "Valleys Together",
            ),
        ),
        ("heading", "6. Where we disagree"),
        _commentary(
            "Not everyone agrees that parents should run things. Some practitioners worry "
            "about safeguarding and about parents carrying the weight of decisions that "
            "professionals are paid to make. We think this worry deserves a hearing, not a "
            "rebuttal: the partnerships that did best named it early and agreed which "
            "decisions stay with professionals.",
            voice(
                "I want parents at the table. I don't want a mum deciding on her own whether "
                "a family's situation is safe. Those are different things and we should say "
                "so.",
                "health visitor",
                "Valleys Together",
            ),
            voice(
                "Nobody asked me to make safeguarding decisions. I was asked how to make the "
                "building less frightening. I'm good at that.",
                "parent",
                "Valleys Together",
            ),
        ),
        _quote(
            "If you want parents to stay, give them something real to do, pay them on the "
            "day, and let them write their own words.",
            "parent",
            "Harbourside Families Together",
        ),
        _lessons(
            "Key lessons",
            "Give parents real decisions, not only consultation: a job with a beginning and "
            "an end.",
            "Pay parents for their time, and pay them quickly: on the day if you can.",
            "Explain the jargon once, out loud, every time someone new joins.",
            "Let parents write, or sign off, the words that go forward in their name.",
            "Cost co-production honestly and put it in the budget.",
            "Agree early which decisions stay with professionals, and say why.",
        ),
        ("heading", "Questions for your partnership"),
        _prompts(
            "What resonates with you in these stories?",
            "Which decision could parents in your partnership own next?",
            "What would you like to explore at a future huddle?",
            heading="Over to you",
        ),
    ]


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
            "body": _parents_at_the_table(image),
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
    private_collection = programme_only_collection()
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
