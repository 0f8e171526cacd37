"""The digest's "for you" part: a person's unread notifications whose kind they chose to get
in the digest (see hub/core/whats_new.py for the contract). Made from the notifications
themselves, so the digest never tells what a notification or an email told already, and each
is re-checked against the thing's ``can_view`` as it is put in (nothing of a thing since
hidden, not even its title)."""

from collections import defaultdict

from django.utils import timezone

from hub.core.whats_new import Feed, NewThing
from hub.notifications.kinds import Channel
from hub.notifications.models import Notification
from hub.notifications.services import load_targets, present


def _thing(shown):
    created = shown.notification.created_at
    return NewThing(
        title=shown.text,
        url=shown.open_url,
        meta=f"{timezone.localtime(created):%d %B}".lstrip("0"),
        rank=(-created.timestamp(), -shown.notification.pk),
        subject=shown.notification,
    )


class ForYou(Feed):
    key = "for_you"
    title = "For you"
    intro = "Things that happened for you on the hub that you have not seen yet."
    noun = ("notification", "notifications")
    limit = 10
    more_url = "/notifications/"
    more_label = "All your notifications"

    def _unread(self, period=None):
        rows = Notification.objects.unread().filter(channel=Channel.DIGEST)
        if period is not None:
            rows = rows.filter(created_at__gte=period.start, created_at__lt=period.end)
        return rows.select_related("actor")

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        rows = self._unread().filter(recipient_id=person.pk)
        if since is not None:
            rows = rows.filter(created_at__gte=since)
        if until is not None:
            rows = rows.filter(created_at__lt=until)
        items = [_thing(s) for s in present(rows, person) if s.available]
        return self.section(items, limit=limit)

    def candidates(self, period):
        return period

    def prefetch(self, people, candidates):
        rows = list(self._unread(candidates).filter(recipient_id__any_of=[p.pk for p in people]))
        by_person = defaultdict(list)
        for row in rows:
            by_person[row.recipient_id].append(row)
        return by_person, load_targets(rows)

    def for_member(self, person, candidates, context):
        by_person, targets = context.data
        shown = present(by_person.get(person.pk, []), person, targets=targets)
        return [_thing(s) for s in shown if s.available]
