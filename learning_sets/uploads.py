"""Checks for files added to a set's shared area: the core's one check
(``hub.core.private_files.check_upload``: type read from the file's bytes, size, zip bombs),
with a set's own size limit (setting ``HUB_SET_FILE_MAX_MB``), and the name must match the
content, because the download keeps the original name.
"""

from django.conf import settings

from hub.core.private_files import check_upload as check_private_upload


def max_mb():
    """The largest file a set takes, in MB."""
    return int(getattr(settings, "HUB_SET_FILE_MAX_MB", 10))


def check_upload(uploaded_file):
    """Raise ValidationError unless the file is small, of an allowed kind, and named for what
    it is; return its content type."""
    return check_private_upload(uploaded_file, max_mb=max_mb(), where="a set", match_name=True)
