"""People's data rights: "download my data" and "close my account".

The core knows no content app. Each app registers, from its ``AppConfig.ready``, an
``export(person)`` that returns ``{file name: [row, ...]}`` of what it holds about the person
(their own rows only, never anyone else's private data) and a ``close(person, *, keep, by)``
that, inside the closing transaction, removes or keeps (as "a former member") what they
wrote. ``build_zip`` and ``hub.people.closing.close_account`` collect them.
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder


class Table:
    """One file of a person's export: the rows of ``model`` whose ``owner`` field is the
    person, with ``fields`` (space-separated) as they are and ``related`` as
    ``label="lookup__path"`` (e.g. ``event="event__title"``)."""

    def __init__(self, file, model, owner, fields, **related):
        self.file, self.model, self.owner = file, model, owner
        self.fields, self.related = fields.split(), related

    def owned_by(self, person):
        return self.model._default_manager.filter(**{self.owner: person})

    def rows(self, person):
        return rows(self.owned_by(person), *self.fields, **self.related)


class Started:
    """Things a person starts that others join in: a question others answer, a thread others
    reply to (``replies``, linked by their ``to`` field, written by their own ``owner``).

    Removing the person's contributions removes what they started unless someone else joined
    in: then it stays, as a former member's, so the others' words keep their place."""

    def __init__(self, model, owner, *, replies, to):
        self.model, self.owner, self.replies, self.to = model, owner, replies, to

    def remove_unless_others_joined(self, person):
        joined = self.replies._default_manager.exclude(**{self.owner: person}).values(self.to)
        self.model._default_manager.filter(**{self.owner: person}).exclude(pk__in=joined).delete()


@dataclass(frozen=True)
class Part:
    name: str
    export: object = None
    close: object = None


_PARTS: dict[str, Part] = {}


def register(
    name, *, tables=(), export=None, close=None, remove=(), remove_unless_kept=(), started=()
):
    """Register one app's part of "download my data" and "close my account" (idempotent by
    name).

    ``tables``: the ``Table`` files of the export (``export(person)`` may add more files).
    On closing, the person's rows of each ``(model, owner field)`` in ``remove`` go, those in
    ``remove_unless_kept`` go unless the person keeps their contributions, and so do the
    ``Started`` things nobody else joined in; then ``close(person, keep=, by=)`` does what
    is particular to the app."""
    closes = remove or remove_unless_kept or started or close
    _PARTS[name] = Part(
        name,
        _exporter(tables, export) if tables or export else None,
        _closer(remove, remove_unless_kept, started, close) if closes else None,
    )


def _exporter(tables, export):
    def export_part(person):
        files = {table.file: table.rows(person) for table in tables}
        return {**files, **(export(person) if export else {})}

    return export_part


def _closer(remove, remove_unless_kept, started, close):
    def close_part(person, *, keep, by):
        for model, owner in [*remove, *([] if keep else remove_unless_kept)]:
            model._default_manager.filter(**{owner: person}).delete()
        for thing in [] if keep else started:
            thing.remove_unless_others_joined(person)
        if close is not None:
            close(person, keep=keep, by=by)

    return close_part


def parts():
    return list(_PARTS.values())


def rows(queryset, *fields, **renamed):
    """The person's rows as plain dicts: ``fields`` as they are, ``renamed`` as
    ``label="lookup__path"`` (a lookup through a relation, e.g. the event's title)."""
    values = queryset.values(*fields, *renamed.values())
    return [
        {**{f: row[f] for f in fields}, **{label: row[path] for label, path in renamed.items()}}
        for row in values
    ]


def export_all(person):
    """Every registered part's files: ``{"<part>/<file>": rows}``."""
    files = {}
    for part in parts():
        if part.export is None:
            continue
        for file_name, file_rows in part.export(person).items():
            files[f"{part.name}/{file_name}"] = list(file_rows)
    return files


def _csv(file_rows):
    out = io.StringIO()
    columns = []
    for row in file_rows:
        columns.extend(key for key in row if key not in columns)
    writer = csv.DictWriter(out, fieldnames=columns or ["(nothing held)"])
    writer.writeheader()
    for row in file_rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, cls=DjangoJSONEncoder)
    text = "" if value is None else str(value)
    # A spreadsheet must not run what a person typed as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def build_zip(person):
    """The zip a person downloads: one JSON and one CSV per file, and a README."""
    files = export_all(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            "Everything the hub holds about you, one JSON and one CSV file for each kind.\n"
            "Files:\n" + "".join(f"- {name} ({len(r)} rows)\n" for name, r in files.items()),
        )
        for name, file_rows in files.items():
            archive.writestr(f"{name}.json", json.dumps(file_rows, cls=DjangoJSONEncoder, indent=2))
            archive.writestr(f"{name}.csv", _csv(file_rows))
    return buffer.getvalue()
