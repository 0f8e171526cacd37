"""Small template helpers used across the hub."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def absolute(path):
    """An absolute link for emails and calendar files: ``{% absolute some_url %}``."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.HUB_BASE_URL}{path}"
