"""Notifications: the person's own go; others' that name them as the actor lose the name."""

from hub.core import data_rights
from hub.notifications.models import Notification, NotificationPreference


def export(person):
    return {
        "notifications": data_rights.rows(
            Notification.objects.filter(recipient=person),
            "kind",
            "channel",
            "created_at",
            "read_at",
        ),
        "notification_choices": data_rights.rows(
            NotificationPreference.objects.filter(person=person), "kind", "channel"
        ),
    }


def _without(value, name, former):
    if isinstance(value, str):
        return value.replace(name, former) if name else value
    if isinstance(value, dict):
        return {key: _without(item, name, former) for key, item in value.items()}
    if isinstance(value, list):
        return [_without(item, name, former) for item in value]
    return value


def close(person, *, keep, by):
    Notification.objects.filter(recipient=person).delete()
    NotificationPreference.objects.filter(person=person).delete()
    for notification in Notification.objects.filter(actor=person):
        notification.context = _without(
            notification.context, person.display_name, "A former member"
        )
        notification.save(update_fields=["context"])


data_rights.register("notifications", export=export, close=close)
