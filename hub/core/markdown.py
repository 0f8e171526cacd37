"""The hub's one Markdown renderer for member-written text (questions, answers, notes, briefing
responses, event notes), rendered then sanitised.

``Markdown`` turns the text into HTML (passing any raw HTML through), then nh3 keeps only a
short list of harmless tags and attributes, only http(s)/mailto and relative links, and
gives every link ``rel="nofollow noopener"``. Sanitising the *output* is what makes it safe:
whatever the Markdown parser lets through, nh3 has the last word.

Mentions are written ``@[Display Name](123)`` (the picker on the forms inserts them); they
render as a link to that member's profile.
"""

import re

from django.urls import reverse
from django.utils.safestring import mark_safe

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

MENTION = re.compile(r"@\[(?P<name>[^\]\n]{1,120})\]\((?P<id>\d{1,12})\)")


def mentioned_ids(text):
    """The user ids mentioned in ``text``, in order of first mention, without repeats."""
    seen = []
    for match in MENTION.finditer(text or ""):
        person_id = int(match.group("id"))
        if person_id not in seen:
            seen.append(person_id)
    return seen


def _link_mentions(text):
    def replace(match):
        name = match.group("name").replace("[", "").replace("]", "")
        url = reverse("people:profile", args=[int(match.group("id"))])
        return f"[@{name}]({url})"

    return MENTION.sub(replace, text)


def render_markdown(text):
    """Safe HTML for member-written Markdown (marked safe for templates)."""
    html = markdown_lib.markdown(
        _link_mentions(text or ""),
        extensions=["fenced_code", "sane_lists", "tables"],
        output_format="html",
    )
    # Headings inside a member's post start at h2, below the page's own h1.
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just sanitised it


def plain_excerpt(text, length=200):
    """A short plain-text taste of Markdown, for lists and emails."""
    html = render_markdown(text)
    plain = " ".join(nh3.clean(str(html), tags=set()).split())
    plain = plain.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return plain if len(plain) <= length else plain[: length - 1].rsplit(" ", 1)[0] + "…"
