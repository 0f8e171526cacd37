"""What went well, shared with the programme (see hub/core/whats_new.py): on My hub and in
the digest. Pages start from ``WentWell.objects.visible_to``; the digest's candidates are
the posts shared in the period, each kept by the member's ``can_view``."""

from hub.core.whats_new import Feed, NewThing, role_class, shorten
from hub.learning.models import WentWell


def _thing(post):
    return NewThing(
        title=post.title,
        url=post.get_absolute_url(),
        meta=" · ".join((post.get_kind_display(), post.partnership.name, shorten(post.body, 120))),
        rank=(-post.shared_at.timestamp(),),
        subject=post,
    )


def _shared():
    return WentWell.objects.shared().select_related("partnership").order_by("-shared_at", "-pk")


class WhatWentWell(Feed):
    """Successes, small wins and thank-yous partnerships shared with the programme."""

    key = "went_well"
    title = "What went well"
    intro = "Successes, small wins and thank-yous from the partnerships."
    noun = ("thing that went well", "things that went well")
    template = "includes/thing_list.html"
    empty = "No partnership has shared what went well lately."

    def for_person(self, person, *, since=None, until=None, limit=None, theme=None):
        if theme is not None:
            return None
        posts = _shared().filter(pk__in=WentWell.objects.visible_to(person).values("pk"))
        if since is not None:
            posts = posts.filter(shared_at__gt=since)
        if until is not None:
            posts = posts.filter(shared_at__lt=until)
        items = [_thing(p) for p in posts[: limit or self.page_limit]]
        return self.page_section(items, more_url="")

    def candidates(self, period):
        return [
            (post, _thing(post))
            for post in _shared().filter(shared_at__gte=period.start, shared_at__lt=period.end)
        ]

    def for_member(self, person, candidates, context):
        return [thing for post, thing in candidates if post.can_view(person)]

    def group_key(self, person, candidates, context):
        return role_class(person)
