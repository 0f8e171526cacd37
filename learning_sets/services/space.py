"""Writing in a set's space (the discussion and files), and break glass: a superuser's
recorded way in to read it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hub.core.mail import send_email
from hub.core.services import ServiceError, validation_as_service_error
from hub.people import roles
from learning_sets.models import BreakGlassAccess, DiscussionPost, SetFile, forget_cached_access
from learning_sets.services.rules import require_inside, require_self_or_facilitator
from learning_sets.uploads import check_upload


@transaction.atomic
def post_message(learning_set, *, author, body):
    """A message in the set's discussion between sessions (no email: it stays in the space)."""
    require_inside(learning_set, author)
    if not body.strip():
        raise ServiceError("Write something first.")
    return DiscussionPost.objects.create(learning_set=learning_set, author=author, body=body)


@transaction.atomic
def upload_file(learning_set, *, uploaded_file, title, by):
    """Add a checked file to the set's shared area."""
    require_inside(learning_set, by)
    with validation_as_service_error(field="file"):
        content_type = check_upload(uploaded_file)
    return SetFile.objects.create(
        learning_set=learning_set,
        uploaded_by=by,
        title=title or uploaded_file.name,
        file=uploaded_file,
        original_name=uploaded_file.name[:255],
        content_type=content_type,
        size=uploaded_file.size,
    )


@transaction.atomic
def delete_file(set_file, by):
    """The uploader or a facilitator removes a file; the stored file goes once this commits."""
    require_self_or_facilitator(set_file.learning_set, by, set_file.uploaded_by_id)
    storage, name = set_file.file.storage, set_file.file.name
    set_file.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def break_glass(learning_set, *, by, reason):
    """A superuser opens a set's space deliberately: recorded, time-limited, shown to the set."""
    if not (roles.is_member(by) and by.is_superuser):
        raise PermissionDenied("Only a superuser can break the glass.")
    if len(reason.strip()) < 10:
        raise ServiceError("Give a reason the set's members will understand.", field="reason")
    access = BreakGlassAccess.objects.create(learning_set=learning_set, opened_by=by, reason=reason)
    forget_cached_access(by)
    for person in learning_set.people():
        send_email(
            "learning_sets/email/break_glass",
            person.email,
            {"learning_set": learning_set, "access": access, "person": person},
        )
    return access
