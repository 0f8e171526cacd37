"""The demo's numbered series of briefings, in the learning team's voice (all fictional)."""

import datetime

from wagtail.rich_text import RichText

from ..models import Audience
from .blocks import VIDEO_URL, commentary, download, lessons, paragraph, prompts, quote, voice
from .learning_history import parents_at_the_table


def _briefing(number, title, summary, published, themes, body, audience=Audience.PUBLIC, **more):
    """One briefing of the series, as ``seed`` makes it (``more``: ``scheduled=True``)."""
    return {
        "series_number": number,
        "title": title,
        "summary": summary,
        "publication_date": published,
        "themes": themes,
        "audience": audience,
        "body": body,
        **more,
    }


def briefings(today, image, public_doc, private_doc):
    """Four briefings in the learning team's voice; every block type appears at least once."""
    return [
        _briefing(
            1,
            "Parents at the table, not on the agenda",
            "What changes when parents help run a partnership rather than advise it, "
            "and what it costs to do properly.",
            today - datetime.timedelta(days=200),
            ["Co-production with parents", "System behaviours", "Relational practice"],
            parents_at_the_table(image),
        ),
        _briefing(
            2,
            "Measuring what matters to families",
            "Partnerships are moving from counting contacts to noticing change "
            "that families themselves describe. Here is how, and where it gets hard.",
            today - datetime.timedelta(days=110),
            ["Evaluation and measuring what matters", "Story gathering and telling"],
            [
                paragraph(
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
                quote(
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
                download(
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
                prompts(
                    "Whose words end up in your reports, and whose are left out?",
                    "What is one measure you would stop collecting tomorrow?",
                ),
            ],
        ),
        _briefing(
            3,
            "What is not working yet: honest notes from the spring gathering",
            "For the programme only. Partnerships were candid about stalled work "
            "with their councils; these notes keep that trust.",
            today - datetime.timedelta(days=30),
            ["Working with local authority hierarchies", "Scaling deep"],
            [
                paragraph(
                    "At the spring gathering we asked each partnership to name one thing "
                    "that had stalled. These notes are for the programme only, as agreed in "
                    "the room."
                ),
                commentary(
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
                download(
                    private_doc,
                    "Full notes from the spring gathering",
                    "For programme members only.",
                ),
                prompts(
                    "Where has a decision been reopened in your partnership?",
                    "Who could you bring into the room earlier next time?",
                ),
            ],
            audience=Audience.PROGRAMME,
        ),
        _briefing(
            4,
            "Safe and welcoming online spaces",
            "How partnerships keep online huddles warm and safe for parents joining "
            "from a phone, and what to do when something goes wrong.",
            today - datetime.timedelta(days=5),
            ["Working online", "Digital safeguarding"],
            [
                ("heading", "Before the call"),
                paragraph(
                    "Send the link by text as well as email, and say plainly that cameras "
                    "are optional."
                ),
                ("heading", "During the call"),
                quote(
                    "I joined from the school car park on my phone. Nobody minded, and "
                    "that's why I came back.",
                    "parent",
                    "Valleys Together",
                    name="Carys",
                ),
                ("heading", "When something goes wrong"),
                lessons(
                    "What partnerships agreed",
                    "Name a second host who can remove someone from the call.",
                    "Never record without asking everyone first.",
                ),
                prompts("What makes an online space feel safe to you?"),
            ],
        ),
        _briefing(
            5,
            "Early action: support before the crisis",
            "Scheduled: what the partnerships are learning about reaching families "
            "earlier, and the language that helps.",
            today + datetime.timedelta(days=7),
            ["Early action", "Language and framing"],
            [
                paragraph(
                    "Families told us they waited until things were serious because "
                    "'early help' sounded like being watched."
                ),
                prompts("Which words put families off asking for help?"),
            ],
            scheduled=True,
        ),
    ]
