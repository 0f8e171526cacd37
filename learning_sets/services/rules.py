"""Who may change what in a set: the checks every service makes, and the same answers for
pages that decide what to offer (a page offers what the service would allow)."""

from django.core.exceptions import PermissionDenied


def require_facilitator(learning_set, by):
    if not learning_set.is_facilitated_by(by):
        raise PermissionDenied("Only this set's facilitators can do this.")


def require_inside(learning_set, by):
    """Members and facilitators may write in the space (break glass is read-only)."""
    if not learning_set.can_write(by):
        raise PermissionDenied("Only this set's members and facilitators can do this.")


def may_act_for(learning_set, by, person_id):
    """May ``by`` write for ``person_id`` in the space: for themselves when inside the set,
    for anyone when they facilitate it (an issue's presenter, an action's owner, a file's
    uploader)."""
    return learning_set.can_write(by) and (person_id == by.pk or learning_set.is_facilitated_by(by))


def require_self_or_facilitator(learning_set, by, person_id):
    require_inside(learning_set, by)
    if not may_act_for(learning_set, by, person_id):
        raise PermissionDenied("Only this set's facilitators can do this.")
