"""Template helpers so any app can offer "Report" on moderated content."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

register = template.Library()


@register.filter
def report_url(content):
    """``{{ resource|report_url }}``: the page where a member reports this content."""
    content_type = ContentType.objects.get_for_model(content)
    return reverse("moderation:report", args=[content_type.pk, content.pk])


@register.filter
def moderation_key(content):
    """``content_type_id/object_id`` for the hide and restore forms."""
    return f"{ContentType.objects.get_for_model(content).pk}/{content.pk}"


@register.simple_tag
def hide_url(content):
    content_type = ContentType.objects.get_for_model(content)
    return reverse("moderation:hide", args=[content_type.pk, content.pk])


@register.simple_tag
def restore_url(content):
    content_type = ContentType.objects.get_for_model(content)
    return reverse("moderation:restore", args=[content_type.pk, content.pk])
