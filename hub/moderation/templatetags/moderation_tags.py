"""Template helpers so any app can offer "Report" on moderated content."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

register = template.Library()


def _url(name, content):
    return reverse(name, args=[ContentType.objects.get_for_model(content).pk, content.pk])


@register.filter
def report_url(content):
    """``{{ resource|report_url }}``: the page where a member reports this content."""
    return _url("moderation:report", content)


@register.simple_tag
def hide_url(content):
    """Where an officer's "Hide" form posts."""
    return _url("moderation:hide", content)


@register.simple_tag
def restore_url(content):
    """Where an officer's "Restore" form posts."""
    return _url("moderation:restore", content)
