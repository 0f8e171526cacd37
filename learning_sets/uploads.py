"""Checks for files added to a set's shared area.

A small checker of our own: the library app has no shared validator yet. It limits the size,
allows a short list of everyday document and image types, and checks the bytes match the
name (so a renamed program cannot pass as a PDF).
"""

import os

from django.core.exceptions import ValidationError

import filetype

MAX_BYTES = 10 * 1024 * 1024

# extension -> the content types whose bytes may sit behind it
ALLOWED = {
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    ".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".txt": {"text/plain"},
    ".csv": {"text/csv"},
}
# Office files are zip archives; filetype may only see the zip.
ZIP_BASED = {".docx", ".xlsx", ".pptx", ".odt"}
TEXT = {".txt", ".csv"}


def check_upload(uploaded_file):
    """Raise ValidationError unless the file is small and of an allowed kind; return its type."""
    if uploaded_file.size > MAX_BYTES:
        raise ValidationError("Files must be 10 MB or smaller.")
    if uploaded_file.size == 0:
        raise ValidationError("The file is empty.")
    extension = os.path.splitext(uploaded_file.name)[1].lower()
    if extension not in ALLOWED:
        raise ValidationError(
            "Please upload a PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, PNG or "
            "JPEG file."
        )
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    expected = next(iter(ALLOWED[extension]))
    if extension in TEXT:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is fine.
            if error.start < len(head) - 4:
                raise ValidationError("This does not look like a plain text file.") from error
        if b"\x00" in head:
            raise ValidationError("This does not look like a plain text file.")
        return expected
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in ALLOWED[extension] or (extension in ZIP_BASED and mime == "application/zip"):
        return expected
    raise ValidationError("The file's contents do not match its name.")
