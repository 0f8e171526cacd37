"""Members' words as safe HTML: Markdown (plain text is Markdown too), then cleaned by nh3."""

from django.utils.safestring import mark_safe

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def render_markdown(text):
    """Render ``text`` as Markdown and keep only harmless tags (no scripts, styles or events)."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed anything unsafe
