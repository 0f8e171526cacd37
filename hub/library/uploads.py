"""The library's upload rules: the core's one check (``hub.core.private_files``) with the
library's own size limit (setting ``HUB_UPLOAD_MAX_MB``)."""

from django.conf import settings

from hub.core.private_files import ALLOWED_HELP
from hub.core.private_files import check_upload as check_private_upload

__all__ = ["ALLOWED_HELP", "check_upload", "max_upload_bytes", "max_upload_mb"]


def max_upload_mb():
    """The largest file the library takes, in MB."""
    return int(getattr(settings, "HUB_UPLOAD_MAX_MB", 25))


def max_upload_bytes():
    """The largest file the library takes, in bytes."""
    return max_upload_mb() * 1024 * 1024


def check_upload(upload):
    """Return the content type of an acceptable library upload, or raise ValidationError.

    Type by content, size, and (for office documents) zip bombs: see
    :func:`hub.core.private_files.check_upload`.
    """
    return check_private_upload(upload, max_mb=max_upload_mb(), where="the library")
