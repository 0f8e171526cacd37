"""The learning sets slot on the home page (see hub/core/sections.py): when your set meets.

Nothing else about a set ever reaches the home page, theme pages or site search.
"""

from django.urls import reverse

from learning_sets.queries import next_sessions


def next_sessions_section(user):
    """ "Your learning set meets on ...", for the set's own people only."""
    sessions = next_sessions(user)
    if not sessions:
        return None
    return {
        "title": "Your learning set",
        "items": sessions,
        "template": "learning_sets/includes/next_sessions.html",
        "more_url": reverse("learning_sets:list"),
        "more_label": "Go to your sets",
    }
