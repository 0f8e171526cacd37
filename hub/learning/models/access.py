"""The learning framework's one rule: a partnership's framework is for its own people and
its facilitator; the programme team sees only what the partnership chose to share."""

from django.db.models import Q

from hub.people import roles


def in_room_q(user, prefix=""):
    """A Q (on frameworks, reached through ``prefix``) for the frameworks ``user`` is in."""
    q = Q(**{f"{prefix}partnership_id__in": roles.partnership_ids_of(user)})
    if roles.is_facilitator(user):
        q |= Q(**{f"{prefix}facilitator_id": user.pk})
    return q


def in_room(user, framework):
    """True when ``user`` belongs to the framework's partnership or facilitates it."""
    if not roles.is_member(user):
        return False
    if framework.partnership_id in roles.partnership_ids_of(user):
        return True
    return roles.is_facilitator(user) and framework.facilitator_id == user.pk
