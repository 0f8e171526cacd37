"""Checking uploads by what they contain, not what they are called."""

import codecs
import os

from django.conf import settings
from django.core.exceptions import ValidationError

import filetype

# What the library accepts, by the type read from the file's first bytes.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG image",
    "image/png": "PNG image",
    "image/gif": "GIF image",
    "image/webp": "WebP image",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation",
    "application/msword": "Word document",
    "application/vnd.ms-excel": "Excel spreadsheet",
    "application/vnd.ms-powerpoint": "PowerPoint",
}
# Plain text and CSV carry no magic bytes: only these names, and only if they read as UTF-8.
TEXT_TYPES = {".txt": "text/plain", ".csv": "text/csv"}
ALLOWED_HELP = (
    "PDF, Word, Excel, PowerPoint, OpenDocument, images (JPEG, PNG, GIF, WebP), CSV or plain text"
)


def max_upload_bytes():
    return int(getattr(settings, "HUB_UPLOAD_MAX_MB", 25)) * 1024 * 1024


def max_upload_mb():
    return int(getattr(settings, "HUB_UPLOAD_MAX_MB", 25))


def check_upload(upload):
    """Return the content type of an acceptable upload, or raise ValidationError saying why not.

    The type comes from the file's content (via ``filetype``); the extension only matters for
    text, which has no signature. A renamed program (say, ``report.pdf`` that is really an
    ELF or Windows executable) is refused because its bytes are not a PDF's.
    """
    if upload.size > max_upload_bytes():
        size_mb = upload.size / (1024 * 1024)
        raise ValidationError(
            f"This file is {size_mb:.1f} MB; the largest the library takes is "
            f"{max_upload_mb()} MB. Try a smaller copy, or share a link to it instead.",
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError("This file is empty.", code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    ext = os.path.splitext(upload.name or "")[1].lower()
    if kind is not None:
        mime = kind.mime
        # filetype reads OOXML documents as zip archives only when it cannot see inside.
        if mime in ALLOWED_TYPES:
            return mime
        raise ValidationError(
            f"This file's content is not a type the library takes. Upload {ALLOWED_HELP}.",
            code="bad_type",
        )
    if ext in TEXT_TYPES and _is_utf8_text(upload):
        return TEXT_TYPES[ext]
    raise ValidationError(
        f"We could not recognise this file's content. Upload {ALLOWED_HELP}.",
        code="bad_type",
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
