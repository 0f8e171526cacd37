"""Test and demo helpers for briefings."""

import datetime
import itertools

from django.utils import timezone

from wagtail.rich_text import RichText

from .models import Audience, BriefingPage
from .services import ensure_index

_numbers = itertools.count(1)


def simple_body(prompts=("What resonates with you?",), headings=("What we heard",)):
    """A short body: headings, a paragraph, a voice and reflection prompts."""
    body = []
    for heading in headings:
        body.append(("heading", heading))
        body.append(("paragraph", RichText("<p>Partnerships told us how the work felt.</p>")))
    body.append(
        (
            "voice",
            {"quote": "We were listened to.", "role": "parent", "partnership": "", "name": ""},
        )
    )
    if prompts:
        body.append(
            ("reflection_prompts", {"heading": "Questions to reflect on", "prompts": list(prompts)})
        )
    return body


def create_briefing(
    title=None,
    audience=Audience.PUBLIC,
    themes=(),
    body=None,
    publish=True,
    publication_date=None,
    parent=None,
    **fields,
):
    """Create (and by default publish) a briefing under the briefing index."""
    number = fields.pop("series_number", None) or next(_numbers)
    parent = parent or ensure_index()
    page = BriefingPage(
        title=title or f"Briefing {number}",
        series_number=number,
        summary=fields.pop("summary", "What the partnerships are learning."),
        publication_date=publication_date or timezone.localdate(),
        audience=audience,
        body=simple_body() if body is None else body,
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    if themes:
        page.themes.set(themes)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)
