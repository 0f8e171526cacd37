"""Where the harvest gathers from: each source asks its content app's named query (which
starts from ``visible_to``) and turns what it gets into ``HarvestItem``s.

To add a source, write one
function ``(person, since, until, theme) -> [HarvestItem]`` and add one ``Source`` line to
``HARVEST_SOURCES``.
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
    key: str
    label: str
    gather: object  # (person, since, until, theme) -> [HarvestItem]
    themed: bool = True  # False: it has no themes, so a theme filter leaves it out


def _role(person):
    if person is None:
        return "member"
    return person.role_in_own_words or "member"


def prompt_responses(person, since, until, theme):
    return [
        HarvestItem(
            key=f"response-{r.pk}",
            source="Responses to prompts",
            text=r.text,
            when=r.created_at,
            context=f"A response to “{r.prompt_text}” in {r.page.title}",
            role=_role(r.author),
            url=r.get_absolute_url(),
        )
        for r in briefings_queries.responses_for_harvest(
            person, since=since, until=until, theme=theme
        )
    ]


def huddle_notes(person, since, until, theme):
    return [
        HarvestItem(
            key=f"eventnotes-{m.pk}",
            source="Huddle and webinar notes",
            text=m.notes,
            when=m.event.start,
            context=f"Notes from {m.event.title}",
            role="huddle notes",
            url=m.event.url or "",
            block="paragraph",
        )
        for m in events_queries.huddle_notes_for_harvest(
            person, since=since, until=until, theme=theme
        )
    ]


def library_notes(person, since, until, theme):
    return [
        HarvestItem(
            key=f"librarynote-{n.pk}",
            source="What we learned using it (library notes)",
            text=n.body,
            when=n.created_at,
            context=f"On {n.resource.title}",
            role=_role(n.author),
            url=n.get_absolute_url(),
        )
        for n in library_queries.notes_for_harvest(person, since=since, until=until, theme=theme)
    ]


def shared_reflections(person, since, until, theme):
    return [
        HarvestItem(
            key=f"reflection-{m.pk}",
            source="Reflections partnerships shared",
            text=m.summary,
            when=m.held_on,
            context=f"{m.framework.partnership.name}'s reflection meeting, {m.held_on:%-d %B %Y}",
            partnership=m.framework.partnership.name,
            block="paragraph",
        )
        for m in learning_queries.shared_reflections(person, since=since, until=until)
    ]


def went_well(person, since, until, theme):
    return [
        HarvestItem(
            key=f"wentwell-{w.pk}",
            source="What went well",
            text=f"{w.title}. {w.body}",
            when=w.shared_at,
            context=f"{w.get_kind_display()} from {w.partnership.name}",
            role="partnership",
            partnership=w.partnership.name,
            url=w.get_absolute_url(),
        )
        for w in learning_queries.shared_went_well(person, since=since, until=until)
    ]


def bank_voices(person, since, until, theme):
    return [
        HarvestItem(
            key=f"voice-{v.pk}",
            source="The voice bank",
            text=v.quote,
            when=v.changed_at,
            context=f"From the voice bank ({v.get_use_display().lower()})",
            role=v.role,
            partnership=v.partnership.name if v.partnership else "",
            block="bank_voice",
            voice=v,
        )
        for v in voices_queries.voices_for_harvest(person, since=since, until=until)
    ]


HARVEST_SOURCES = [
    Source("responses", "Responses to prompts", prompt_responses),
    Source("huddle_notes", "Huddle and webinar notes", huddle_notes),
    Source("library_notes", "Library notes", library_notes),
    Source("reflections", "Reflections partnerships shared", shared_reflections, themed=False),
    Source("went_well", "What went well", went_well, themed=False),
    Source("voices", "The voice bank", bank_voices, themed=False),
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
