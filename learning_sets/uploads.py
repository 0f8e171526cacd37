"""Checks for files added to a set's shared area.

The content check is the library's (``hub.library.uploads.check_upload``: the type is read
from the file's bytes). On top of it a set keeps files small, and the name must match the
content, because the download keeps the original name.
"""

import os

from django.core.exceptions import ValidationError

from hub.library.uploads import check_upload as check_content

MAX_BYTES = 10 * 1024 * 1024

EXTENSIONS = {
    "application/pdf": {".pdf"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
    "application/vnd.oasis.opendocument.text": {".odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {".ods"},
    "application/vnd.oasis.opendocument.presentation": {".odp"},
    "application/msword": {".doc"},
    "application/vnd.ms-excel": {".xls"},
    "application/vnd.ms-powerpoint": {".ppt"},
    "text/plain": {".txt"},
    "text/csv": {".csv"},
}


def check_upload(uploaded_file):
    """Raise ValidationError unless the file is small, of an allowed kind, and named for what
    it is; return its content type."""
    if uploaded_file.size > MAX_BYTES:
        raise ValidationError(f"Files in a set must be {MAX_BYTES // (1024 * 1024)} MB or smaller.")
    content_type = check_content(uploaded_file)
    extension = os.path.splitext(uploaded_file.name or "")[1].lower()
    if extension not in EXTENSIONS.get(content_type, set()):
        raise ValidationError("The file's name does not match what is in it.")
    return content_type
