"""The seam between the hub's pages and its content apps (see ARCHITECTURE.md, "what is new").

The home page, theme pages and the digest compose small functions that each content app
exposes. They are named here as import paths, so the core never imports a content app's
internals and a missing app simply leaves its section out.

A home section function takes ``(user)`` and returns a dict
``{"title", "items", "template", "more_url"}`` or ``None`` when it has nothing to show.
A theme section function takes ``(user, theme)`` and returns the same shape.
"""

from django.utils.module_loading import import_string

HOME_SECTIONS = [
    "hub.library.sections.new_in_library_section",
    "briefings.sections.latest_briefings_section",
    "hub.questions.sections.unanswered_questions_section",
    "events.sections.upcoming_events_section",
    "learning_sets.sections.next_sessions_section",
    # Filled by the content apps' issues, e.g. "briefings.sections.latest_briefings_section".
]

THEME_SECTIONS = [
    "hub.library.sections.theme_resources_section",
    "briefings.sections.theme_briefings_section",
    "hub.questions.sections.theme_questions_section",
    "events.sections.theme_events_section",
    # e.g. "briefings.sections.theme_briefings_section".
]

# Site search: each function takes ``(user, query)`` and returns
# ``{"title", "items", "template", "more_url"}`` (items already filtered by visible_to(user)).
SEARCH_SECTIONS = [
    "hub.library.sections.search_resources_section",
    "briefings.sections.search_briefings_section",
    "hub.questions.sections.search_questions_section",
    "events.sections.search_events_section",
    # e.g. "briefings.sections.search_briefings_section".
]


def _collect(paths, *args):
    sections = []
    for path in paths:
        section = import_string(path)(*args)
        if section:
            sections.append(section)
    return sections


def home_sections(user):
    """What the home page shows this person, in order."""
    return _collect(HOME_SECTIONS, user)


def theme_sections(user, theme):
    """What a theme's page gathers for this person."""
    return _collect(THEME_SECTIONS, user, theme)


def search_sections(user, query):
    """Site search results for this person, grouped by kind (learning set content never)."""
    return _collect(SEARCH_SECTIONS, user, query)
