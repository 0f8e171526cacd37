"""One thing the harvest shows, and the briefing block it becomes when chosen."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.html import escape, linebreaks

from wagtail.rich_text import RichText


@dataclass(frozen=True)
class HarvestItem:
    """Someone's words (or a partnership's shared summary) that the learning team may use.

    ``block`` says what it becomes in a draft briefing: ``"voice"`` (a quote attributed by
    role, never by name) or ``"paragraph"`` (a partnership's summary, to make sense of).
    """

    key: str  # "<source>-<pk>", unique across the harvest
    source: str
    text: str
    when: date | datetime
    context: str = ""  # where it came from, e.g. "A response to “What resonates?”"
    role: str = ""
    partnership: str = ""
    url: str = ""
    block: str = "voice"
    voice: object = None  # a voice from the bank: quoted live, by reference

    @property
    def attribution(self):
        return ", ".join(part for part in (self.role, self.partnership) if part)

    def stream_block(self):
        """The (block type, value) this item becomes in a briefing's body."""
        if self.block == "bank_voice":
            # Quoted live from the bank, so a later change or withdrawal shows at once.
            return ("bank_voice", {"voice": self.voice})
        if self.block == "voice":
            return (
                "voice",
                {
                    "quote": self.text,
                    "role": self.role or "participant",
                    "partnership": self.partnership,
                    "name": "",
                    "consent_to_name": False,
                },
            )
        intro = f"<p><strong>{escape(self.context)}</strong></p>" if self.context else ""
        return ("paragraph", RichText(intro + linebreaks(escape(self.text))))
