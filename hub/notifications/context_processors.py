"""The header's bell: ``notification_count`` in every template, counted once per request (one
query, and only on a page that shows it)."""

from django.utils.functional import SimpleLazyObject

from hub.notifications.services import unread_count


def bell_count(request):
    """The unread count, once per request."""
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count(request.user)
    return request._unread_notifications


def bell(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"notification_count": SimpleLazyObject(lambda: bell_count(request))}
