"""Where the harvest gathers from: each source asks its content app's named query (which
starts from ``visible_to``) and turns each row it gets into a ``HarvestItem``.

To add a source, write one function ``row -> dict`` (the item's words, date and where it came
from) and add one ``Source`` line to ``HARVEST_SOURCES`` naming the app's query.
"""

from dataclasses import dataclass

from briefings import queries as briefings_queries
from events import queries as events_queries
from hub.learning import queries_harvest as learning_queries
from hub.library import queries as library_queries
from hub.voices import queries as voices_queries

from .items import HarvestItem


@dataclass(frozen=True)
class Source:
    """One place the harvest gathers from, and how its rows read as harvest items."""

    key: str
    label: str
    query: object  # the app's named query: (person, since=, until=[, theme=]) -> rows
    item: object  # row -> the HarvestItem's fields other than its key and source
    prefix: str  # item keys are "<prefix>-<pk>", unique across the harvest
    heading: str = ""  # what each item says it is, when not the label
    themed: bool = True  # False: it has no themes, so a theme filter leaves it out

    def gather(self, person, since, until, theme):
        """This source's items for ``person`` between since and until (on ``theme``)."""
        asked = {"theme": theme} if self.themed else {}
        return [
            HarvestItem(
                key=f"{self.prefix}-{row.pk}", source=self.heading or self.label, **self.item(row)
            )
            for row in self.query(person, since=since, until=until, **asked)
        ]


def _role(person):
    if person is None:
        return "member"
    return person.role_in_own_words or "member"


def _response(r):
    return {
        "text": r.text,
        "when": r.created_at,
        "context": f"A response to “{r.prompt_text}” in {r.page.title}",
        "role": _role(r.author),
        "url": r.get_absolute_url(),
    }


def _huddle_notes(m):
    return {
        "text": m.notes,
        "when": m.event.start,
        "context": f"Notes from {m.event.title}",
        "role": "huddle notes",
        "url": m.event.url or "",
        "block": "paragraph",
    }


def _library_note(n):
    return {
        "text": n.body,
        "when": n.created_at,
        "context": f"On {n.resource.title}",
        "role": _role(n.author),
        "url": n.get_absolute_url(),
    }


def _reflection(m):
    partnership = m.framework.partnership.name
    return {
        "text": m.summary,
        "when": m.held_on,
        "context": f"{partnership}'s reflection meeting, {m.held_on:%-d %B %Y}",
        "partnership": partnership,
        "block": "paragraph",
    }


def _went_well(w):
    return {
        "text": f"{w.title}. {w.body}",
        "when": w.shared_at,
        "context": f"{w.get_kind_display()} from {w.partnership.name}",
        "role": "partnership",
        "partnership": w.partnership.name,
        "url": w.get_absolute_url(),
    }


def _bank_voice(v):
    return {
        "text": v.quote,
        "when": v.changed_at,
        "context": f"From the voice bank ({v.get_use_display().lower()})",
        "role": v.role,
        "partnership": v.partnership.name if v.partnership else "",
        "block": "bank_voice",
        "voice": v,
    }


HARVEST_SOURCES = [
    Source(
        "responses",
        "Responses to prompts",
        briefings_queries.responses_for_harvest,
        _response,
        prefix="response",
    ),
    Source(
        "huddle_notes",
        "Huddle and webinar notes",
        events_queries.huddle_notes_for_harvest,
        _huddle_notes,
        prefix="eventnotes",
    ),
    Source(
        "library_notes",
        "Library notes",
        library_queries.notes_for_harvest,
        _library_note,
        prefix="librarynote",
        heading="What we learned using it (library notes)",
    ),
    Source(
        "reflections",
        "Reflections partnerships shared",
        learning_queries.shared_reflections,
        _reflection,
        prefix="reflection",
        themed=False,
    ),
    Source(
        "went_well",
        "What went well",
        learning_queries.shared_went_well,
        _went_well,
        prefix="wentwell",
        themed=False,
    ),
    Source(
        "voices",
        "The voice bank",
        voices_queries.voices_for_harvest,
        _bank_voice,
        prefix="voice",
        themed=False,
    ),
]


def harvest(person, *, since, until, theme=None):
    """Every source's items for ``person`` between since and until, on ``theme`` if given, as
    [(source, items)] in the sources' order."""
    found = []
    for source in HARVEST_SOURCES:
        if theme is not None and not source.themed:
            continue
        found.append((source, source.gather(person, since, until, theme)))
    return found
