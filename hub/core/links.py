"""Absolute links for emails, calendar files and feeds, built from ``HUB_BASE_URL``."""

from django.conf import settings


def absolute_url(path):
    """``path`` on the hub's own address; a full URL, a mailto: link or '' stays as it is."""
    if not path or path.startswith(("http://", "https://", "mailto:")):
        return path
    return f"{settings.HUB_BASE_URL}{path}"
