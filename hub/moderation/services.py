"""The rules that report, hide and restore member content. Views and admin call these."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from hub.core.mail import send_email
from hub.core.services import ServiceError
from hub.moderation.models import Moderated, Report, Revision
from hub.notifications.services import notify
from hub.people import roles

AUTO_HIDE_REASON = (
    "Several members reported this, so it is hidden until a programme officer has looked at it."
)


def reports_to_hide():
    """How many different members' reports hide content until review (3 unless set)."""
    return getattr(settings, "HUB_REPORTS_TO_HIDE", 3)


def _check_moderated(content):
    if not isinstance(content, Moderated):
        raise TypeError(f"{type(content).__name__} does not use the Moderated mixin")


def _lock(content):
    # Re-read the row under a lock so two reports (or a report and a review) in parallel
    # cannot both decide the hiding.
    return type(content)._base_manager.select_for_update().get(pk=content.pk)


def _copy_state(source, target):
    target.hidden_at = source.hidden_at
    target.hidden_reason = source.hidden_reason
    target.hidden_by_id = source.hidden_by_id


def _tell_author(prefix, content, *, by, outcome, **extra):
    """A notification to the author; the moderation email is its email channel."""
    author = content.moderation_author
    if author is None or not author.is_active:
        return
    what = content._meta.verbose_name
    told = notify([author], "moderation", content, actor=by, what=what, outcome=outcome)
    if told.wants_email(author):
        send_email(prefix, author.email, {"content": content, "author": author, **extra})


def report_content(content, *, by, reason):
    """``by`` reports ``content``; the third different member's report hides it for review.

    Returns the new Report. Raises PermissionDenied for people who cannot see the content
    or who wrote it, ServiceError for an empty reason or a second report by the same person.
    """
    _check_moderated(content)
    reason = (reason or "").strip()
    can_view = getattr(content, "can_view", None)
    if not roles.is_member(by) or (can_view is not None and not can_view(by)):
        raise PermissionDenied("You cannot report this.")
    author = content.moderation_author
    if author is not None and author.pk == by.pk:
        raise PermissionDenied("You cannot report your own contribution.")
    if not reason:
        raise ServiceError(
            "Say briefly what is wrong, so an officer can look into it.", field="reason"
        )

    with transaction.atomic():
        locked = _lock(content)
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    content_type=ContentType.objects.get_for_model(locked),
                    object_id=locked.pk,
                    reported_by=by,
                    reason=reason,
                )
        except IntegrityError:
            raise ServiceError("You have already reported this.", field="reason") from None
        open_reporters = (
            Report.objects.for_content(locked).open().values("reported_by").distinct().count()
        )
        if not locked.is_hidden and open_reporters >= reports_to_hide():
            locked.hidden_at = timezone.now()
            locked.hidden_reason = AUTO_HIDE_REASON
            locked.hidden_by = None
            locked.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
            _copy_state(locked, content)
            _tell_author(
                "moderation/email/hidden_pending",
                locked,
                by=None,
                outcome="is hidden until a programme officer has looked at it",
            )
            _tell_officers(locked)
    return report


def _tell_officers(content):
    officers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.OFFICERS)
        .values_list("email", flat=True)
    )
    for email in officers:
        send_email("moderation/email/review_needed", email, {"content": content})


def hide(content, *, by, reason):
    """An officer hides ``content``; the author is emailed the reason, which they also see."""
    _check_moderated(content)
    if not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can hide content.")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Give the author a reason: they will see it.", field="reason")
    with transaction.atomic():
        locked = _lock(content)
        locked.hidden_at = timezone.now()
        locked.hidden_reason = reason
        locked.hidden_by = by
        locked.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        _close_reports(locked, by, Report.Outcome.HIDDEN)
        _copy_state(locked, content)
        _tell_author("moderation/email/hidden", locked, by=by, outcome="is hidden", reason=reason)
    return content


def restore(content, *, by):
    """An officer puts ``content`` back (or keeps it, closing its reports); the author is told
    when it had been hidden."""
    _check_moderated(content)
    if not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can restore content.")
    with transaction.atomic():
        locked = _lock(content)
        was_hidden = locked.is_hidden
        locked.hidden_at = None
        locked.hidden_reason = ""
        locked.hidden_by = None
        locked.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        _close_reports(locked, by, Report.Outcome.RESTORED)
        _copy_state(locked, content)
        if was_hidden:
            _tell_author("moderation/email/restored", locked, by=by, outcome="is back on the hub")
    return content


def _close_reports(content, by, outcome):
    Report.objects.for_content(content).open().update(
        reviewed_at=timezone.now(), reviewed_by=by, outcome=outcome
    )


def record_revision(content, *, by, fields):
    """Keep ``fields`` of ``content`` as they are now, before its author edits it."""
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        edited_by=by,
        data={name: _jsonable(getattr(content, name)) for name in fields},
    )


def _jsonable(value):
    if hasattr(value, "all"):  # a many-to-many manager: keep the names
        return [str(item) for item in value.all()]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def revisions_of(content):
    """Earlier versions of ``content``, newest first (for officers' eyes)."""
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(content), object_id=content.pk
    ).select_related("edited_by")
