"""A link to the digest runs report in the Wagtail admin menu, for programme officers."""

from django.urls import reverse

from wagtail import hooks

from hub.core.wagtail_admin import OfficerMenuItem


@hooks.register("register_admin_menu_item")
def register_digest_runs_menu_item():
    return OfficerMenuItem(
        "Digests", reverse("digests:runs"), icon_name="mail", name="digests", order=900
    )
