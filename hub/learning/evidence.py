"""The evidence picker of the meeting form: the group finds a story, a resource or a note
it may see (server-side search, no script needed) and links it to a judgement.

What may be picked comes from the library's named queries, which start from each kind's
``visible_to``; a picked value is looked up again for the person when the form is sent, so
a forged or stale value links nothing."""

from django.contrib.contenttypes.prefetch import GenericPrefetch

from hub.core.whats_new import shorten
from hub.library import queries as library

NONE = ""


def value_of(thing):
    """The form value for a resource or a note: "resource:12" or "note:5"."""
    return f"{thing._meta.model_name}:{thing.pk}"


def label_of(thing):
    """How the picker names a thing: what it is, then its title or its first words."""
    name = thing._meta.model_name
    if name == "note":
        return f"Note on “{thing.resource.title}”: {shorten(thing.body, 80)}"
    if thing.resource_type == "story":
        return f"Story: {thing.title}"
    return f"Resource: {thing.title}"


def find(person, words):
    """[(value, label)] of what ``person`` may see that matches ``words`` (stories first)."""
    if not words.strip():
        return []
    resources, notes = library.evidence_matches(person, words)
    resources.sort(key=lambda r: r.resource_type != "story")  # stable: keeps best first
    return [(value_of(t), label_of(t)) for t in [*resources, *notes]]


def prefetch(lookup="evidence"):
    """A GenericPrefetch of the linked evidence, so a list of judgements costs two queries
    however many link a story, a resource or a note."""
    return GenericPrefetch(lookup, library.evidence_prefetch())


def lookup(person, value):
    """The resource or note a form value names, when ``person`` may see it (else None)."""
    kind, _, pk = (value or "").partition(":")
    if not pk.isdigit():
        return None
    return library.evidence_item(person, kind, int(pk))
