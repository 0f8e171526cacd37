from django import template

from hub.core.markdown import plain_excerpt, render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Member-written Markdown as sanitised HTML."""
    return render_markdown(text)


@register.filter
def excerpt(text, length=200):
    return plain_excerpt(text, int(length))
