"""The noticeboard's rules: who may post, reply, pin and share, each in its transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hub.core.services import ServiceError
from hub.partnerships.models import Reply, Thread
from hub.people import roles


def is_in(person, partnership):
    return roles.is_member(person) and partnership.pk in roles.partnership_ids_of(person)


def can_post(person, partnership):
    """The partnership's own people post on its noticeboard (officers read shared threads)."""
    return is_in(person, partnership) and partnership.active


def can_pin(person, thread):
    """Leads pin notices on their partnership's board."""
    return roles.is_lead_of(person, thread.partnership)


def can_share(person, thread):
    """A thread's author or the partnership's lead chooses to share it with the programme."""
    return is_in(person, thread.partnership) and (
        thread.author_id == person.pk or roles.is_lead_of(person, thread.partnership)
    )


def post_thread(partnership, *, author, title, body, share=False):
    if not can_post(author, partnership):
        raise PermissionDenied("Only the partnership's own people post on its noticeboard.")
    title, body = title.strip(), body.strip()
    if not body:
        raise ServiceError({"body": "Enter your message."})
    now = timezone.now()
    with transaction.atomic():
        return Thread.objects.create(
            partnership=partnership,
            author=author,
            title=title,
            body=body,
            shared_at=now if share else None,
            created_at=now,
            updated_at=now,
            last_activity_at=now,
        )


def post_reply(thread, *, author, body):
    if not (can_post(author, thread.partnership) and thread.can_view(author)):
        raise PermissionDenied("Only the partnership's own people reply on its noticeboard.")
    body = body.strip()
    if not body:
        raise ServiceError({"body": "Enter your reply."})
    now = timezone.now()
    with transaction.atomic():
        Thread.objects.select_for_update().filter(pk=thread.pk).update(last_activity_at=now)
        return Reply.objects.create(thread=thread, author=author, body=body, created_at=now)


def set_pinned(thread, *, by, pinned):
    if not can_pin(by, thread):
        raise PermissionDenied("Only the partnership's leads pin notices.")
    thread.pinned_at, thread.pinned_by = (timezone.now(), by) if pinned else (None, None)
    thread.save(update_fields=["pinned_at", "pinned_by"])
    return thread


def set_shared(thread, *, by, shared):
    if not can_share(by, thread):
        raise PermissionDenied("Only the author or a lead shares a thread with the programme.")
    thread.shared_at = timezone.now() if shared else None
    thread.save(update_fields=["shared_at"])
    return thread


def activity_counts(partnership, *, days=30):
    """What the programme team sees of a space: how busy it is, never what it says."""
    since = timezone.now() - timezone.timedelta(days=days)
    threads = Thread.objects.live().filter(partnership=partnership)
    return {
        "days": days,
        "threads": threads.filter(created_at__gte=since).count(),
        "replies": Reply.objects.live()
        .filter(thread__partnership=partnership, created_at__gte=since)
        .count(),
        "shared": threads.filter(shared_at__isnull=False).count(),
    }
