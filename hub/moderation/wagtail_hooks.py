"""A link to the moderation queue in the Wagtail admin menu, for programme officers."""

from django.urls import reverse

from wagtail import hooks

from hub.core.wagtail_admin import OfficerMenuItem


@hooks.register("register_admin_menu_item")
def moderation_queue_menu_item():
    return OfficerMenuItem(
        "Moderation queue", reverse("moderation:queue"), icon_name="warning", order=900
    )
