"""Small template helpers used across the hub."""

from django import template

from hub.core.links import absolute_url

register = template.Library()


@register.simple_tag
def absolute(path):
    """An absolute link for emails and calendar files: ``{% absolute some_url %}``."""
    return absolute_url(path)


@register.filter
def markdown(text):
    """Member-written Markdown as sanitised HTML (``hub.core.markdown``)."""
    from hub.core.markdown import render_markdown

    return render_markdown(text)
