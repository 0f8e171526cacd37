"""The Wagtail editor's ways to a draft shared for comment: a button in a briefing's header
(share it, or read the comments beside it) and a menu link to every open share."""

from django.urls import reverse

from wagtail import hooks

from hub.core.wagtail_admin import TeamMenuItem

from .models import DraftShare, is_editor


@hooks.register("register_page_header_buttons")
def share_for_comment_button(page, user, view_name=None, next_url=None):
    from wagtail.admin.widgets import Button

    from ..models import BriefingPage

    if not (issubclass(page.specific_class or object, BriefingPage) and is_editor(user)):
        return
    share = DraftShare.objects.open().filter(page_id=page.pk).only("pk").first()
    if share is not None:
        yield Button(
            "Comments from participants",
            reverse("drafts_for_comment:comments", args=[share.pk]),
            icon_name="comment",
            priority=55,
        )
    else:
        yield Button(
            "Share draft for comment",
            reverse("drafts_for_comment:share", args=[page.pk]),
            icon_name="comment",
            priority=55,
        )


@hooks.register("register_admin_menu_item")
def drafts_for_comment_menu_item():
    return TeamMenuItem(
        "Drafts for comment",
        reverse("drafts_for_comment:list"),
        icon_name="comment",
        name="drafts-for-comment",
        order=850,
    )
