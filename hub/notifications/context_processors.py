"""The header's bell: ``notification_count`` in every template, counted once per request, in
the same query as the person's roles (``roles.register_count``, from this app's ``ready``)."""

from django.utils.functional import SimpleLazyObject

from hub.people import roles

UNREAD = "unread_notifications"


def bell_count(request):
    """The unread count, once per request (with the roles: no query of its own)."""
    return roles.count_of(request.user, UNREAD)


def bell(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"notification_count": SimpleLazyObject(lambda: bell_count(request))}
