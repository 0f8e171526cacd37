"""The one upload check: what a file is comes from its bytes, never from its name.

Used by the library and by learning sets (and the Wagtail admin's library form). A renamed
program (``report.pdf`` that is really an ELF or Windows executable) is refused because its
bytes are not a PDF's; an office document is a zip archive, so it is also checked, without
unpacking it, for how big it would become (a "zip bomb" is small to upload and huge unpacked).
"""

import codecs
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

import filetype

MB = 1024 * 1024

# What the hub accepts, by the type read from the file's first bytes, with the names such a
# file may have (a download keeps its name, so a name must match what is inside).
ALLOWED_TYPES = {
    "application/pdf": ("PDF", {".pdf"}),
    "image/jpeg": ("JPEG image", {".jpg", ".jpeg"}),
    "image/png": ("PNG image", {".png"}),
    "image/gif": ("GIF image", {".gif"}),
    "image/webp": ("WebP image", {".webp"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "Word document",
        {".docx"},
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (
        "Excel spreadsheet",
        {".xlsx"},
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint",
        {".pptx"},
    ),
    "application/vnd.oasis.opendocument.text": ("OpenDocument text", {".odt"}),
    "application/vnd.oasis.opendocument.spreadsheet": ("OpenDocument spreadsheet", {".ods"}),
    "application/vnd.oasis.opendocument.presentation": ("OpenDocument presentation", {".odp"}),
    "application/msword": ("Word document", {".doc"}),
    "application/vnd.ms-excel": ("Excel spreadsheet", {".xls"}),
    "application/vnd.ms-powerpoint": ("PowerPoint", {".ppt"}),
}
# Plain text and CSV carry no magic bytes: only these names, and only if they read as UTF-8.
TEXT_TYPES = {".txt": "text/plain", ".csv": "text/csv"}
# Office documents that are zip archives inside, so checked for zip bombs.
ARCHIVE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
# A real document has a few hundred parts at most; tens of thousands is a trick.
MAX_ARCHIVE_ENTRIES = 10_000
# Below this unpacked size the squeeze ratio does not matter: nothing that small can hurt.
RATIO_FLOOR_BYTES = 1 * MB

ALLOWED_HELP = (
    "PDF, Word, Excel, PowerPoint, OpenDocument, images (JPEG, PNG, GIF, WebP), CSV or plain text"
)


def max_unpacked_bytes():
    """The most an office document may unpack to (setting ``HUB_UPLOAD_MAX_UNPACKED_MB``)."""
    return int(getattr(settings, "HUB_UPLOAD_MAX_UNPACKED_MB", 100)) * MB


def max_packing_ratio():
    """How many times an office document may be squeezed (``HUB_UPLOAD_MAX_PACKING_RATIO``)."""
    return int(getattr(settings, "HUB_UPLOAD_MAX_PACKING_RATIO", 100))


def check_upload(upload, *, max_mb, where="the hub", match_name=False):
    """Return the content type of an acceptable upload, or raise ValidationError saying why not.

    ``max_mb`` is the largest file this place takes and ``where`` names the place in the
    message ("the library"). With ``match_name`` the file's extension must fit its content
    (for places whose downloads keep the uploaded name). The type comes from the content (via
    ``filetype``); the extension alone only matters for text, which has no signature.
    """
    if upload.size > max_mb * MB:
        raise ValidationError(
            f"This file is {upload.size / MB:.1f} MB; the largest {where} takes is "
            f"{max_mb} MB. Try a smaller copy, or share a link to it instead.",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError("This file is empty.", code="empty")
    content_type = _content_type(upload, where)
    if content_type in ARCHIVE_TYPES:
        _check_archive(upload)
    if match_name:
        extension = os.path.splitext(upload.name or "")[1].lower()
        allowed = {ext for ext, mime in TEXT_TYPES.items() if mime == content_type}
        allowed |= ALLOWED_TYPES.get(content_type, ("", set()))[1]
        if extension not in allowed:
            raise ValidationError("The file's name does not match what is in it.", code="bad_name")
    return content_type


def _content_type(upload, where):
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        # filetype reads an office document as a bare zip when it cannot see inside: refused.
        if kind.mime in ALLOWED_TYPES:
            return kind.mime
        raise ValidationError(
            f"This file's content is not a type {where} takes. Upload {ALLOWED_HELP}.",
            code="bad_type",
        )
    ext = os.path.splitext(upload.name or "")[1].lower()
    if ext in TEXT_TYPES and _is_utf8_text(upload):
        return TEXT_TYPES[ext]
    raise ValidationError(
        f"We could not recognise this file's content. Upload {ALLOWED_HELP}.",
        code="bad_type",
    )


def _check_archive(upload):
    """Refuse an office document that would unpack to too much, judged from its table of
    contents alone (``infolist``): nothing is unpacked here."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ValidationError(
            "We could not open this document: it may be damaged. Save it again from the "
            "program that made it and upload the new copy.",
            code="bad_archive",
        ) from None
    finally:
        upload.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    too_big = unpacked > max_unpacked_bytes()
    too_squeezed = unpacked > RATIO_FLOOR_BYTES and unpacked > max_packing_ratio() * max(packed, 1)
    if too_big or too_squeezed or len(entries) > MAX_ARCHIVE_ENTRIES:
        raise ValidationError(
            f"This document would unpack to {unpacked / MB:.0f} MB from a "
            f"{upload.size / MB:.1f} MB file, far more than real documents do: it looks like "
            "a “zip bomb” (a file made to fill up a computer), so we cannot take it. Save it "
            "again from the program that made it and upload the new copy.",
            code="zip_bomb",
        )


def _is_utf8_text(upload):
    upload.seek(0)
    # An incremental decoder, so a character split across two chunks still decodes.
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if "\x00" in decoder.decode(chunk):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True
