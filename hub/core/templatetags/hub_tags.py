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


@register.inclusion_tag("includes/thanks.html", takes_context=True)
def thanks_button(context, target, label="this"):
    """``{% thanks_button answer "the answer by Maya" %}``: the count, and a "Thank you"
    toggle (a form, so it works without JavaScript); the author sees who thanked them in
    numbers. Lists call ``hub.core.thanks.annotate`` first so each costs no query."""
    from hub.core import thanks

    user = context.get("user")
    if not hasattr(target, "thanks_count"):
        thanks.annotate([target], user)
    request = context.get("request")
    return {
        "target": target,
        "label": label,
        "kind": thanks.kind_of(target),
        "is_author": user is not None and target.author_id == user.pk,
        "signed_in": user is not None and user.is_authenticated,
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
