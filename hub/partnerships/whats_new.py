"""What a partnership did this period, for its own people (see hub/core/whats_new.py).

Pages start from ``Thread.objects.visible_to(person)``; the digest's candidates are every
live thread started in the period, and each member's ``can_view`` decides (so the programme
team sees only threads shared with them, and nobody sees another partnership's board).
"""

from django.db.models import Count, Q
from django.urls import reverse

from hub.core.whats_new import (
    Feed,
    NewThing,
    meta_line,
    role_class,
    shorten,
)
from hub.partnerships.models import Thread
from hub.people import roles


def _thing(thread):
    return NewThing(
        title=thread.title,
        url=thread.get_absolute_url(),
        meta=meta_line(
            thread.partnership.name,
            str(thread.author) if thread.author else "",
            shorten(thread.body, 120),
        ),
        rank=(-thread.created_at.timestamp(),),
        subject=thread,
    )


def _threads():
    return (
        Thread.objects.live()
        .select_related("partnership", "author")
        .annotate(
            reply_count=Count("replies", filter=Q(replies__hidden_at__isnull=True), distinct=True)
        )
        .order_by("-created_at", "-pk")
    )


class PartnershipNoticeboard(Feed):
    """New threads on the noticeboards of the person's own partnerships."""

    key = "noticeboard"
    title = "What your partnership did"
    intro = "New on your partnership's noticeboard."
    noun = ("new notice", "new notices")
    template = "partnerships/includes/thread_list.html"

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        if theme is not None or not roles.partnership_ids_of(person):
            return None
        threads = (
            _threads()
            .filter(pk__in=Thread.objects.visible_to(person).values("pk"))
            .filter(partnership_id__in=roles.partnership_ids_of(person))
        )
        if since is not None:
            threads = threads.filter(created_at__gt=since)
        if until is not None:
            threads = threads.filter(created_at__lt=until)
        items = [_thing(t) for t in threads[: limit or self.page_limit]]
        section = self.page_section(items, more_url="")
        if section and len(roles.partnership_ids_of(person)) == 1:
            slug = items[0].subject.partnership.slug
            section.more_url = reverse("partnerships:space", args=[slug])
            section.more_label = "Open your partnership's space"
        return section

    def candidates(self, period):
        return [
            (thread, _thing(thread))
            for thread in _threads().filter(created_at__gte=period.start, created_at__lt=period.end)
        ]

    def candidates_for(self, person, period, partnership_ids):
        """The period's threads on the noticeboards of ``partnership_ids`` only."""
        threads = _threads().filter(
            created_at__gte=period.start,
            created_at__lt=period.end,
            partnership_id__in=partnership_ids,
        )
        return [(thread, _thing(thread)) for thread in threads]

    def for_member(self, person, candidates, context):
        own = roles.partnership_ids_of(person)
        return [
            thing
            for thread, thing in candidates
            if thread.partnership_id in own
            and thread.author_id != person.pk
            and thread.can_view(person)
        ]

    def group_key(self, person, candidates, context):
        wrote = any(thread.author_id == person.pk for thread, _ in candidates)
        return (role_class(person), person.pk if wrote else None)
