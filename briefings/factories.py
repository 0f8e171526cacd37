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


def offline_embed(url, title):
    """Store an embed for ``url`` so rendering it never asks the video site (tests and demo)."""
    from django.utils.html import format_html

    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    html = format_html('<p class="embed-offline">Video: {}</p>', title)
    embed, _ = Embed.objects.update_or_create(
        hash=get_embed_hash(url, None, None),
        defaults={
            "url": url,
            "max_width": None,
            "type": "video",
            "html": html,
            "title": title,
            "provider_name": "",
            "thumbnail_url": "",
        },
    )
    return embed


def demo_image(title="A workshop wall of sticky notes", colour="#1f5f5b"):
    """A small generated image (no files shipped in the repository)."""
    import io

    from django.core.files.images import ImageFile

    from wagtail.images.models import Image

    from PIL import Image as PILImage

    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    from PIL import ImageDraw

    buffer = io.BytesIO()
    picture = PILImage.new("RGB", (960, 540), "#f4f2ee")
    draw = ImageDraw.Draw(picture)
    notes = ["#ffd966", "#f6b26b", "#93c47d", "#9fc5e8", "#d5a6bd"]
    # A wall of sticky notes, drawn here so no image file ships with the code.
    for row in range(3):
        for column in range(6):
            x, y = 60 + column * 145, 50 + row * 160
            draw.rectangle([x, y, x + 115, y + 120], fill=notes[(row * 6 + column) % len(notes)])
            for line in range(3):
                draw.line([x + 15, y + 30 + line * 25, x + 95, y + 30 + line * 25], fill=colour)
    picture.save(buffer, "PNG")
    name = f"{title[:40].lower().replace(' ', '-')}.png"
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=name), width=960, height=540
    )


def every_block_body(
    document, image, related_page=None, video_url="https://vimeo.com/76979871", bank_voice=None
):
    """A body using every block type once (tests check each renders). ``bank_voice``: a voice
    from the voice bank (without one, the block stands for words since withdrawn)."""
    offline_embed(video_url, "Parents describe their first huddle")
    voice = {
        "quote": "Nobody asked me to tell my story twice.",
        "role": "parent",
        "partnership": "Harbourside Families Together",
        "name": "",
        "consent_to_name": False,
    }
    return [
        ("heading", "What we heard"),
        ("paragraph", RichText("<p>Commentary from the learning team.</p>")),
        ("voice", voice),
        ("bank_voice", {"voice": bank_voice}),
        (
            "commentary_narrative",
            {
                "commentary": RichText("<p>Making sense of it together.</p>"),
                "voices": [
                    voice,
                    {**voice, "quote": "It felt like ours.", "role": "senior leader"},
                ],
            },
        ),
        ("key_lessons", {"heading": "Key lessons", "lessons": ["Start small.", "Pay parents."]}),
        ("callout", {"title": "Try this", "text": RichText("<p>Ask before you record.</p>")}),
        ("image", {"image": image, "alt_text": "Sticky notes on a wall", "caption": "Workshop"}),
        (
            "video",
            {
                "video": video_url,
                "title": "Parents describe their first huddle",
                "transcript_url": "",
            },
        ),
        ("document", {"document": document, "title": "The full report", "description": ""}),
        (
            "related_link",
            {
                "page": related_page,
                "url": "" if related_page else "https://example.org/toolkit",
                "title": "" if related_page else "A consent toolkit",
                "description": "",
            },
        ),
        (
            "reflection_prompts",
            {"heading": "Questions to reflect on", "prompts": ["What resonates?"]},
        ),
    ]
