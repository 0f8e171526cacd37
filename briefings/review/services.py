"""The rules for sharing a draft for comment: share, comment, stop, and close on publishing."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hub.core.services import ServiceError
from hub.notifications.services import notify
from hub.people import roles

from .models import DraftComment, DraftShare, is_editor

NOTIFICATION_KIND = "draft_for_comment"


def has_draft(page):
    """A briefing not yet published, or a published one with a saved draft waiting."""
    return not page.live or page.has_unpublished_changes


def open_share(page):
    """The page's open share for comment, or None."""
    return DraftShare.objects.open().filter(page=page).first()


def share_for_comment(page, *, people=(), partnerships=(), by, message=""):
    """Share the draft of ``page`` for comment with ``people`` and the members of
    ``partnerships``, adding to an open share if there is one. Those newly asked are told by a
    notification. Returns the share."""
    if not is_editor(by):
        raise PermissionDenied("Only the programme team can share a draft for comment.")
    people = [person for person in people if roles.is_member(person)]
    partnerships = list(partnerships)
    if not people and not partnerships:
        raise ServiceError("Choose at least one person or partnership to share it with.")
    if not has_draft(page):
        raise ServiceError(
            "This briefing is published with no draft waiting: save a draft in the editor, "
            "then share it."
        )
    with transaction.atomic():
        share = DraftShare.objects.select_for_update().open().filter(page=page).first()
        told_before = set(share.recipients().values_list("pk", flat=True)) if share else set()
        if share is None:
            share = DraftShare.objects.create(page=page, shared_by=by, message=message)
        elif message:
            share.message = message
            share.save(update_fields=["message"])
        share.people.add(*people)
        share.partnerships.add(*partnerships)
        newly = [p for p in share.recipients() if p.pk not in told_before]
        notify(newly, NOTIFICATION_KIND, share, actor=by)
    return share


def comment(share, person, body):
    """``person`` comments on a draft shared with them."""
    if not share.is_shared_with(person) and not is_editor(person):
        raise PermissionDenied("This draft was not shared with you.")
    if not share.is_open:
        raise ServiceError("This draft is no longer open for comment.", code="closed")
    body = (body or "").strip()
    if not body:
        raise ServiceError("Write your comment.", field="body")
    with transaction.atomic():
        return DraftComment.objects.create(share=share, author=person, body=body)


def stop_sharing(share, by):
    """The editor closes the comment page (the comments stay for the editors)."""
    if not is_editor(by):
        raise PermissionDenied("Only the programme team can stop sharing a draft.")
    _close(DraftShare.objects.filter(pk=share.pk), DraftShare.Closed.STOPPED)


def close_on_publish(page):
    """Publishing a briefing closes its open share: the draft is no longer a draft."""
    _close(DraftShare.objects.open().filter(page_id=page.pk), DraftShare.Closed.PUBLISHED)


def _close(shares, because):
    shares.filter(closed_at__isnull=True).update(closed_at=timezone.now(), closed_because=because)
