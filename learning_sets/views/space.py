"""The set's space: its overview and its timeline.

Every space page opens the set with ``space_or_403`` (``LearningSet.can_enter``): members and
facilitators of the set, or a superuser with a recorded break glass. Everyone else gets 403,
staff included. Writing in the space needs real membership (break glass is read-only).
"""

from django.shortcuts import render
from django.utils import timezone

from hub.people.decorators import member_required
from learning_sets.models import Action, ActionReview, DiscussionPost, SetMembership, SetSession
from learning_sets.views.base import space_context, space_or_403


def _sessions(user, learning_set):
    return (
        SetSession.objects.visible_to(user)
        .filter(learning_set=learning_set)
        .select_related("learning_set")
        .prefetch_related("presenters")
    )


def _actions(user, learning_set):
    return (
        Action.objects.visible_to(user)
        .filter(learning_set=learning_set)
        .select_related("owner", "issue__session")
    )


@member_required
def space(request, slug):
    learning_set = space_or_403(request, slug)
    user = request.user
    now = timezone.now()
    sessions = list(_sessions(user, learning_set))
    context = space_context(
        request,
        learning_set,
        space_page="space",
        upcoming=[s for s in sessions if s.starts_at >= now],
        past=[s for s in sessions if s.starts_at < now][::-1],
        open_actions=_actions(user, learning_set).filter(status=Action.Status.OPEN),
        recent_posts=DiscussionPost.objects.visible_to(user)
        .filter(learning_set=learning_set)
        .select_related("author")
        .order_by("-created_at")[:3],
        members=SetMembership.objects.visible_to(user)
        .current()
        .filter(learning_set=learning_set)
        .select_related("person"),
    )
    # Facilitators stay with their set; members may leave it.
    context["may_leave"] = context["can_write"] and not context["is_facilitator"]
    return render(request, "learning_sets/space.html", context)


@member_required
def timeline(request, slug):
    """The set's story over time: sessions, actions committed and what became of them."""
    learning_set = space_or_403(request, slug)
    user = request.user
    entries = [
        {"when": session.starts_at, "kind": "session", "session": session}
        for session in _sessions(user, learning_set).filter(starts_at__lte=timezone.now())
    ]
    entries += [
        {"when": action.issue.session.starts_at, "kind": "action", "action": action}
        for action in _actions(user, learning_set)
    ]
    entries += [
        {"when": review.session.starts_at, "kind": "review", "review": review}
        for review in ActionReview.objects.visible_to(user)
        .filter(learning_set=learning_set)
        .select_related("action__owner", "session")
    ]
    order = {"session": 0, "review": 1, "action": 2}
    entries.sort(key=lambda e: (e["when"], order[e["kind"]]))
    return render(
        request,
        "learning_sets/timeline.html",
        space_context(request, learning_set, entries=entries, space_page="timeline"),
    )
