"""Notifications: the person's own go; others' that name them as the actor lose the name."""

from hub.core import data_rights
from hub.core.data_rights import Table
from hub.notifications.models import Notification, NotificationPreference


def _without(value, name, former):
    if isinstance(value, str):
        return value.replace(name, former) if name else value
    if isinstance(value, dict):
        return {key: _without(item, name, former) for key, item in value.items()}
    if isinstance(value, list):
        return [_without(item, name, former) for item in value]
    return value


def close(person, *, keep, by):
    for notification in Notification.objects.filter(actor=person):
        notification.context = _without(
            notification.context, person.display_name, "A former member"
        )
        notification.save(update_fields=["context"])


data_rights.register(
    "notifications",
    tables=[
        Table("notifications", Notification, "recipient", "kind channel created_at read_at"),
        Table("notification_choices", NotificationPreference, "person", "kind channel"),
    ],
    remove=[(Notification, "recipient"), (NotificationPreference, "person")],
    close=close,
)
