"""Plugs drafts shared for comment into notifications and publishing (from AppConfig.ready)."""

from wagtail.signals import page_published


def _closed_by_publishing(sender, instance, **kwargs):
    from .services import close_on_publish

    close_on_publish(instance)


def connect():
    from hub.notifications.kinds import register_kind, register_target

    from .models import DraftShare
    from .services import NOTIFICATION_KIND

    register_kind(
        NOTIFICATION_KIND,
        label="Drafts shared with me for comment before they are published",
        text="{actor} asked for your comments on a draft: “{title}”",
        order=40,
    )
    register_target(
        DraftShare,
        describe=lambda share: (share.page.title, share.get_absolute_url()),
        select_related=("page",),
    )
    # Every publish (the admin, scheduled publishing, services) sends this signal.
    page_published.connect(_closed_by_publishing, dispatch_uid="close_drafts_shared_for_comment")
