"""My hub: the signed-in person's own page, made only of "what is new" feeds
(``hub.core.whats_new.MY_HUB``), so it never disagrees with the digest and never shows what a
page would not. Every block is shown, with what to do next when it is empty.

"Since your last visit" is kept per person: ``my_hub_seen_at`` is when they last opened My
hub, and ``my_hub_since`` the start of what counts as new. A visit more than an hour after the
last one moves ``since`` on, so a reload in the same sitting shows the same things.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.utils import timezone

from wagtail.views import serve as serve_page

from hub.core.whats_new import MY_HUB, Section, feeds
from hub.core.whats_new_my_hub import start_sitting
from hub.people import roles
from hub.people.decorators import member_required

# A visit that starts this long after the last one is a new visit.
NEW_VISIT_AFTER = timedelta(hours=1)
# Reloads closer together than this to the visit recorded are not written again (a write per
# page view is a query and a row lock for nothing: the hour above is what matters).
RECORD_EVERY = timedelta(minutes=5)


@dataclass
class Block:
    """One block of My hub: a feed's section, or its empty state."""

    key: str
    title: str
    section: Section | None
    empty: str
    empty_url: str
    empty_label: str

    @property
    def items(self):
        return self.section.items if self.section else []


def last_visit(person, now=None):
    """The start of "new since your last visit" for ``person`` (None on a first visit), and
    the visit recorded: one UPDATE (its own transaction), or none within ``RECORD_EVERY`` of
    the visit recorded last."""
    now = now or timezone.now()
    seen, since = person.my_hub_seen_at, person.my_hub_since
    if seen is not None and now - seen < RECORD_EVERY:
        return since
    if seen is None or now - seen > NEW_VISIT_AFTER:
        since = seen
    # One UPDATE is its own transaction already: no savepoint around it.
    get_user_model().objects.filter(pk=person.pk).update(my_hub_seen_at=now, my_hub_since=since)
    person.my_hub_seen_at, person.my_hub_since = now, since
    return since


def blocks(person, since=None):
    """My hub's blocks for ``person``, in order, ``since`` their last visit."""
    start_sitting(person, since)
    found = []
    for feed in feeds(MY_HUB):
        section = feed.for_person(
            person, since=since if feed.since_last_visit else None, limit=feed.page_limit
        )
        found.append(
            Block(
                key=feed.key,
                title=feed.page_title or feed.title,
                section=section,
                empty=feed.empty,
                empty_url=feed.empty_url,
                empty_label=feed.empty_label,
            )
        )
    return found


@member_required
def my_hub(request):
    since = last_visit(request.user)
    return render(
        request,
        "core/my_hub.html",
        {"blocks": blocks(request.user, since), "since": since},
    )


def home(request):
    """ "/": a signed-in member's home is My hub itself, what matters to them first and short
    on a phone, as on any community platform's front page once you are in. Visitors (and
    people still awaiting approval) get the public home page. One view, one template: "/"
    and "/my-hub/" are the same page, never two that could drift apart."""
    if roles.is_member(request.user) and not getattr(request, "is_preview", False):
        return my_hub(request)
    return serve_page(request, "")
