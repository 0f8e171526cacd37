"""After the event: recordings, slides and notes stay with the event's audience."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from events.models import EventMaterial
from hub.core import documents
from hub.people import roles


def add_material(event, *, kind, title, by, url="", document=None, notes=""):
    """An officer adds a recording, slides or notes. It stays with the event's audience: an
    attached document goes into the restricted collection (materials are never public), and
    recordings and notes are filed in the shared library (programme-only, linked to the
    event) unless the event is group-only, whose materials never leave the event page."""
    if not roles.is_programme_team(by):
        raise PermissionDenied
    with transaction.atomic():
        material = EventMaterial.objects.create(
            event=event,
            kind=kind,
            title=title,
            url=url,
            document=document,
            notes=notes,
            added_by=by,
        )
        documents.restrict(document)
        if kind in (EventMaterial.Kind.RECORDING, EventMaterial.Kind.NOTES) and (
            not event.is_group_only
        ):
            _file_in_library(event, material, by)
    return material


def keep_materials_with_their_audience(event):
    """After an event is published: its documents stay restricted, and once it is group-only
    nothing of it stays in the shared library (e.g. a programme huddle made a set's)."""
    for material in event.materials.exclude(document=None).select_related("document"):
        documents.restrict(material.document)
    if event.is_group_only:
        _unfile_from_library(event)


def _unfile_from_library(event):
    try:
        from hub.library.services import unfile_event_materials
    except ImportError:
        return 0
    return unfile_event_materials(event)


def _file_in_library(event, material, by):
    try:
        from hub.library.services import file_event_material
    except ImportError:
        return None
    file = material.document.file if material.document else None
    return file_event_material(
        event,
        title=material.title,
        kind=material.kind,
        url=material.url,
        file=file,
        shared_by=by,
    )
