"""The pages every public site has: help and contact, community guidelines, a privacy notice
and an accessibility statement. Plain pages for the people in DOMAIN.md, linked from the footer."""

from django.conf import settings
from django.shortcuts import render

PAGES = {
    "help": "core/pages/help.html",
    "community_guidelines": "core/pages/community_guidelines.html",
    "privacy": "core/pages/privacy.html",
    "accessibility": "core/pages/accessibility.html",
}


def _contact():
    """The address people can write to about the hub (the address the hub's emails come from)."""
    return getattr(settings, "HUB_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL


def static_page(request, name):
    """One of the plain pages in PAGES."""
    return render(request, PAGES[name], {"contact_email": _contact()})
