"""Whose voices are heard in the whole bank, or in one (draft) briefing's voice blocks."""

from dataclasses import dataclass

from hub.people.models import Partnership
from hub.voices.models import Voice
from hub.voices.queries import role_group_of, voices_heard


@dataclass
class TypedVoice:
    """A voice typed straight into a page (not from the bank), counted by its role's words."""

    role_group: str
    partnership_id: int | None
    withdrawn: bool = False


def for_bank(user):
    return voices_heard(Voice.objects.visible_to(user).only("role_group", "partnership", "status"))


def _blocks(body):
    """(block type, value) of every voice in a body, those inside a commentary pair too."""
    for block in body:
        if block.block_type in ("voice", "bank_voice"):
            yield block.block_type, block.value
        elif block.block_type == "commentary_narrative":
            for value in block.value.get("voices", []):
                yield "voice", value


def _latest_body(page):
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    return getattr(draft, "body", None) or []


def speakers_quoted_in(page):
    """The hub accounts whose words from the bank the latest draft of ``page`` quotes: the
    people to ask first when the draft is shared for comment."""
    return [
        value["voice"].speaker_id
        for kind, value in _blocks(_latest_body(page))
        if kind == "bank_voice" and value.get("voice") is not None and value["voice"].speaker_id
    ]


def for_page(page):
    """The latest draft of ``page`` (what its editor is about to publish)."""
    body = _latest_body(page)
    partnerships = {p.name.lower(): p.pk for p in Partnership.objects.only("pk", "name")}
    voices = []
    for kind, value in _blocks(body):
        if kind == "bank_voice":
            if value.get("voice") is not None:
                voices.append(value["voice"])
        else:
            voices.append(
                TypedVoice(
                    role_group_of(value.get("role")),
                    partnerships.get((value.get("partnership") or "").strip().lower()),
                )
            )
    return voices_heard(voices)
