"""The notifications' public functions. Content apps call ``notify`` from their services;
views call ``present``, ``unread_count``, ``mark_read`` and ``mark_all_read``.

``notify`` writes in the caller's transaction, so a rolled-back change tells nobody; the
emails it needs are due work (``NotificationEmail``), asked for once the transaction commits.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hub.core import due_work
from hub.core.mail import send_email
from hub.notifications import kinds
from hub.notifications.kinds import Channel
from hub.notifications.models import Notification, NotificationEmail, NotificationPreference

logger = logging.getLogger(__name__)

UNAVAILABLE = "This is no longer available."


# --- Choices -----------------------------------------------------------------------------


def choices_of(person):
    """``{kind key: channel}`` for every registered kind: the person's choice or the default."""
    chosen = dict(
        NotificationPreference.objects.filter(person=person).values_list("kind", "channel")
    )
    return {kind.key: chosen.get(kind.key, kind.default) for kind in kinds.all_kinds()}


def channels_for(people, kind):
    """``{person id: channel}`` for ``people`` and one kind (a key or a ``Kind``): each
    person's choice or the kind's default, in one query."""
    if isinstance(kind, str):
        kind = kinds.get(kind)
    chosen = dict(
        NotificationPreference.objects.filter(
            person_id__in=[p.pk for p in people], kind=kind.key
        ).values_list("person_id", "channel")
    )
    return {p.pk: chosen.get(p.pk, kind.default) for p in people}


@transaction.atomic
def set_choices(person, choices):
    """Save ``{kind key: channel}`` for ``person`` (unknown kinds and channels are ignored)."""
    for key, channel in choices.items():
        if kinds.get(key) is None or channel not in Channel.values:
            continue
        NotificationPreference.objects.update_or_create(
            person=person, kind=key, defaults={"channel": channel}
        )


# --- Telling people ----------------------------------------------------------------------


@dataclass
class Told:
    """What ``notify`` did: the notifications made, and (for kinds that send their own email)
    the people who chose email at once, whom the caller emails itself."""

    notifications: list
    by_email: list

    def __post_init__(self):
        self._email_ids = {p.pk for p in self.by_email}

    def wants_email(self, person):
        return person.pk in self._email_ids


def notify(recipients, kind, target=None, actor=None, **context):
    """Tell ``recipients`` (people) about ``target`` as a notification of ``kind``.

    One row each (the actor is never told of their own doing; inactive people and anyone
    with the kind turned off are skipped), written in bulk in the caller's transaction.
    ``context`` is stored as short plain values for the text (never the thing's title: that
    is read, and re-checked, when shown).
    """
    spec = kinds.get(kind)
    if spec is None:
        raise LookupError(f"Unknown notification kind {kind!r}: register it first")
    seen = set()
    people = []
    for person in recipients:
        if person is None or person.pk in seen or not person.is_active:
            continue
        if actor is not None and person.pk == actor.pk:
            continue
        seen.add(person.pk)
        people.append(person)
    if not people:
        return Told([], [])
    channels = channels_for(people, spec)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    now = timezone.now()
    rows = [
        Notification(
            recipient=person,
            kind=kind,
            channel=channels[person.pk],
            target_type=target_type,
            target_id=target.pk if target is not None else None,
            actor=actor,
            context=context,
            created_at=now,
        )
        for person in people
        if channels[person.pk] != Channel.OFF
    ]
    with transaction.atomic():
        made = Notification.objects.bulk_create(rows)
        by_email = [n.recipient for n in made if n.channel == Channel.EMAIL and n.recipient.email]
        if by_email and not spec.own_email:
            due = now + spec.email_delay
            NotificationEmail.objects.bulk_create(
                [
                    NotificationEmail(notification=n, due_at=due)
                    for n in made
                    if n.channel == Channel.EMAIL and n.recipient.email
                ]
            )
            if not spec.email_delay:
                transaction.on_commit(_queue_emails)
    return Told(made, by_email if spec.own_email else [])


def _queue_emails():
    from hub.notifications.tasks import send_notification_emails

    try:
        send_notification_emails.apply_async(retry=False)
    except Exception:  # the broker is down: beat sends them within a minute or two
        logger.exception("Notification emails not queued now; the due-work sweep sends them")


# --- Reading -----------------------------------------------------------------------------


def unread_count(person):
    """How many of ``person``'s notifications are unread (one query)."""
    if person is None or not person.is_authenticated:
        return 0
    return Notification.objects.visible_to(person).unread().count()


def mark_read(notification, person):
    """Mark one of ``person``'s notifications read (someone else's is left alone)."""
    if not notification.can_view(person):
        return 0
    now = timezone.now()
    changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=now
    )
    if changed:
        notification.read_at = now
    return changed


def mark_all_read(person):
    return Notification.objects.visible_to(person).unread().update(read_at=timezone.now())


@dataclass
class Shown:
    """A notification as a person may see it now."""

    notification: Notification
    available: bool
    text: str
    url: str

    @property
    def open_url(self):
        return reverse("notifications:open", args=[self.notification.pk])


def load_targets(notifications):
    """Load every target at once: one query per kind of thing, whatever the number."""
    wanted = defaultdict(set)
    for n in notifications:
        if n.target_type_id:
            wanted[n.target_type_id].add(n.target_id)
    found = {}
    for type_id, ids in wanted.items():
        content_type = ContentType.objects.get_for_id(type_id)
        target = kinds.target_for(f"{content_type.app_label}.{content_type.model}")
        if target is None:
            continue
        manager = target.model._default_manager
        rows = manager.filter(pk__in=ids)
        if target.select_related:
            rows = rows.select_related(*target.select_related)
        found.update({(type_id, obj.pk): (obj, target) for obj in rows})
    return found


def present(notifications, person, *, targets=None):
    """Each notification as ``person`` may see it now, re-checked against the thing's own
    ``can_view``: gone, hidden, withdrawn or no longer theirs to see, it says only that it
    is no longer available, with nothing of the thing (not even its title)."""
    notifications = list(notifications)
    targets = load_targets(notifications) if targets is None else targets
    shown = []
    for n in notifications:
        spec = kinds.get(n.kind)
        found = targets.get((n.target_type_id, n.target_id)) if n.target_type_id else None
        if spec is None or found is None or not found[0].can_view(person):
            shown.append(Shown(n, False, UNAVAILABLE, ""))
            continue
        obj, target = found
        title, url = target.describe(obj)
        actor = n.actor.display_name if n.actor_id and n.actor else ""
        text = kinds.render(spec, actor=actor, title=title, context=n.context)
        shown.append(Shown(n, True, text, url))
    return shown


def recent_by_kind(person, since_by_kind, *, limit=10):
    """``person``'s own notifications of each kind in ``since_by_kind`` (``{kind: since or
    None}``), newest first, that they may still see: ``{kind: [(Shown, target), ...]}``, at
    most ``limit`` of each. The same rows the bell counts and the list shows, so a page made
    from them never disagrees with either; those no longer available are left out. One query
    for the notifications and one per kind of thing they point at, whatever the number, so a
    page with a block per kind (My hub's answers and mentions) pays once."""
    from django.db.models import F, Q, Window
    from django.db.models.functions import RowNumber

    found = {kind: [] for kind in since_by_kind}
    if person is None or not person.is_authenticated or not since_by_kind:
        return found
    wanted = Q()
    for kind, since in since_by_kind.items():
        wanted |= Q(kind=kind, created_at__gte=since) if since is not None else Q(kind=kind)
    ordering = Notification._meta.ordering
    # The newest ``limit * 3`` of each kind: spare rows, so some since hidden still leave
    # ``limit`` to show.
    rows = list(
        Notification.objects.visible_to(person)
        .filter(wanted)
        .annotate(_place=Window(RowNumber(), partition_by=[F("kind")], order_by=ordering))
        .filter(_place__lte=limit * 3)
        .select_related("actor")
        .order_by(*ordering)
    )
    targets = load_targets(rows)
    for shown in present(rows, person, targets=targets):
        n = shown.notification
        if shown.available and len(found[n.kind]) < limit:
            found[n.kind].append((shown, targets[(n.target_type_id, n.target_id)][0]))
    return found


def open_notification(notification, person):
    """Mark it read and say where it points: the thing's URL, or None when not available."""
    mark_read(notification, person)
    [shown] = present([notification], person)
    return shown.url if shown.available else None


# --- The email channel (due work) --------------------------------------------------------


def send_claimed_emails(rows, *, token, now):
    """The notification emails' due-work handler: one email per person for their claimed
    rows, each notification re-checked (read ones and those no longer available are left
    out; with nothing left, nothing is sent)."""
    rows = list(
        rows.select_related("notification__recipient", "notification__actor").order_by(
            "notification__created_at"
        )
    )
    by_person = defaultdict(list)
    for row in rows:
        by_person[row.notification.recipient_id].append(row)
    targets = load_targets([row.notification for row in rows])
    sent = 0
    for person_rows in by_person.values():
        person = person_rows[0].notification.recipient
        shown = [
            s
            for s in present([r.notification for r in person_rows], person, targets=targets)
            if s.available and s.notification.is_unread
        ]
        mine = NotificationEmail.objects.filter(pk__in=[r.pk for r in person_rows])
        if shown and person.is_active and person.email:
            sent += due_work.send_once(mine, token, now, _send, person, shown)
        else:
            mine.mark_done(token, now, skipped=True)
    return sent


def _send(person, shown):
    settings_url = reverse("notifications:preferences")
    send_email(
        "notifications/email/notifications",
        person.email,
        {"person": person, "items": shown, "settings_url": settings_url},
        headers={"List-Unsubscribe": f"<{settings.HUB_BASE_URL}{settings_url}>"},
    )
