"""Small template helpers for briefing pages."""

from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """``mapping|lookup:key`` for dicts keyed by a variable (e.g. a prompt's id)."""
    if not mapping:
        return None
    return mapping.get(key)
