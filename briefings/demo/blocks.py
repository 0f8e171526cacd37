"""Small builders for the demo briefings' StreamField blocks, in the order a page uses them."""

from wagtail.rich_text import RichText

VIDEO_URL = "https://vimeo.com/76979871"


def voice(quote, role, partnership="", name=""):
    """A participant's words, attributed by role (by name only when ``name`` is given)."""
    return {
        "quote": quote,
        "role": role,
        "partnership": partnership,
        "name": name,
        "consent_to_name": bool(name),
    }


def paragraph(html):
    """A paragraph of the learning team's own words (``html`` is inline markup)."""
    return ("paragraph", RichText(f"<p>{html}</p>"))


def quote(quote, role, partnership="", name=""):
    """A participant's words on their own, as a voice block."""
    return ("voice", voice(quote, role, partnership, name))


def commentary(html, *voices):
    """The learning team's commentary beside the voices it makes sense of."""
    return (
        "commentary_narrative",
        {"commentary": RichText(f"<p>{html}</p>"), "voices": list(voices)},
    )


def lessons(heading, *lessons):
    """A short list of lessons under a heading."""
    return ("key_lessons", {"heading": heading, "lessons": list(lessons)})


def download(document, title, description):
    """A document to download, with what it is."""
    return ("document", {"document": document, "title": title, "description": description})


def prompts(*prompts, heading="Questions to reflect on"):
    """The reflection prompts readers may answer."""
    return ("reflection_prompts", {"heading": heading, "prompts": list(prompts)})
