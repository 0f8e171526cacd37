"""Questions are run from the hub's own pages, not edited in the Wagtail admin: every change
goes through the services, which keep edit history and tell people. The admin menu links
the programme team to the questions list (officers also get the moderation queue)."""

from django.urls import reverse

from wagtail import hooks

from hub.core.wagtail_admin import TeamMenuItem


@hooks.register("register_admin_menu_item")
def questions_menu_item():
    return TeamMenuItem("Questions", reverse("questions:list"), icon_name="help", order=880)
