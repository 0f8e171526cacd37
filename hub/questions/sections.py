"""Question sections for the home page, theme pages and site search (see hub.core.sections)."""

from django.urls import reverse

from hub.questions import queries

TEMPLATE = "questions/includes/question_cards.html"


def unanswered_questions_section(user):
    """Home: "Questions waiting for an answer"."""
    items = queries.unanswered_questions(user, limit=5)
    if not items:
        return None
    return {
        "title": "Questions waiting for an answer",
        "items": items,
        "template": TEMPLATE,
        "more_url": reverse("questions:list") + "?show=unanswered",
        "more_label": "See all unanswered questions",
    }


def theme_questions_section(user, theme):
    """A theme's page: the newest questions on it."""
    items = queries.recent_questions(user, themes=[theme], limit=5)
    if not items:
        return None
    return {
        "title": "Questions",
        "items": items,
        "template": TEMPLATE,
        "more_url": reverse("questions:list") + f"?theme={theme.slug}",
    }


def search_questions_section(user, query):
    """Site search: questions (matched in the question or its answers)."""
    items = queries.search_questions(user, query, limit=10)
    if not items:
        return None
    return {
        "title": "Questions",
        "items": items,
        "template": TEMPLATE,
        "more_url": reverse("questions:list") + "?" + _qs(query),
    }


def _qs(query):
    from urllib.parse import urlencode

    return urlencode({"q": query})
