"""A partnership's space: its noticeboard, a thread with its replies, posting, pinning and
sharing with the programme team."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from hub.core import thanks
from hub.core.services import ServiceError, apply_service_error
from hub.moderation.pages import form_page, open_or_404, save_through
from hub.partnerships import services, space
from hub.partnerships.forms import ReplyForm, ThreadForm
from hub.partnerships.models import Reply, Thread
from hub.people import roles
from hub.people.decorators import member_required
from hub.people.models import Membership, Partnership

PAGE_SIZE = 30


def _partnership(request, slug):
    return get_object_or_404(Partnership.objects.visible_to(request.user), slug=slug)


def _may_enter(user, partnership):
    """Its own people enter the space; the programme team sees counts and shared threads."""
    if not (services.is_in(user, partnership) or roles.is_programme_team(user)):
        raise PermissionDenied(f"This space is for the people of {partnership.name}.")


@member_required
def space_page(request, slug):
    partnership = _partnership(request, slug)
    _may_enter(request.user, partnership)
    user = request.user
    is_own = services.is_in(user, partnership)
    threads = list(
        Thread.objects.visible_to(user)
        .filter(partnership=partnership)
        .for_listing()
        .order_by("-pinned_at", "-last_activity_at", "-pk")[:PAGE_SIZE]
    )
    context = {
        "partnership": partnership,
        "is_own": is_own,
        "is_lead": is_own and partnership.pk in roles.led_partnership_ids_of(user),
        "can_post": services.can_post(user, partnership),
        "pinned": [t for t in threads if t.is_pinned],
        "threads": [t for t in threads if not t.is_pinned],
        "counts": None if is_own else services.activity_counts(partnership),
    }
    if is_own:
        context["members"] = (
            Membership.objects.visible_to(user)
            .filter(partnership=partnership)
            .select_related("person")
            .order_by("-role", "person__display_name")
        )
        context["sections"] = space.space_sections(user, partnership)
        context["reflection_meetings"] = space.REFLECTION_MEETINGS
        context["has_reflection_meetings"] = space.has_reflection_meetings()
    return render(request, "partnerships/space.html", context)


def _thread_for(request, slug, pk):
    return open_or_404(
        Thread.objects.select_related("author", "partnership", "hidden_by"),
        request.user,
        pk=pk,
        partnership__slug=slug,
    )


@member_required
def new_thread(request, slug):
    partnership = _partnership(request, slug)
    if not services.can_post(request.user, partnership):
        raise PermissionDenied(f"Only the people of {partnership.name} post on its noticeboard.")
    form = ThreadForm(request.POST or None)
    done = save_through(
        request,
        form,
        lambda data: services.post_thread(partnership, author=request.user, **data),
        "Your message is on the noticeboard.",
    )
    return done or form_page(
        request, "partnerships/thread_form.html", form, partnership=partnership
    )


@member_required
def thread_page(request, slug, pk):
    thread = _thread_for(request, slug, pk)
    user = request.user
    form = ReplyForm(request.POST or None)
    can_reply = thread.is_live and services.can_post(user, thread.partnership)
    if request.method == "POST":
        if not can_reply:
            raise PermissionDenied("Only the partnership's own people reply here.")
        if form.is_valid():
            try:
                reply = services.post_reply(thread, author=user, body=form.cleaned_data["body"])
            except ServiceError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, "Your reply is posted.")
                return redirect(reply)
    # Each reply's thanks (how many, and whether this person gave one) in the same query.
    replies = [
        reply
        for reply in thanks.with_thanks(
            Reply.objects.filter(thread=thread).select_related("author", "thread"), user
        )
        if reply.hidden_at is None or reply.can_see_hidden(user)
    ]
    return render(
        request,
        "partnerships/thread.html",
        {
            "partnership": thread.partnership,
            "thread": thread,
            "replies": replies,
            "form": form if can_reply else None,
            "can_pin": services.can_pin(user, thread),
            "can_share": services.can_share(user, thread),
        },
        status=400 if form.errors else 200,
    )


def _switch(request, slug, pk, *, field, change, said):
    """A lead's or author's on/off choice on a thread (pin, share): POST ``field`` = 1 or 0."""
    thread = _thread_for(request, slug, pk)
    on = request.POST.get(field) == "1"
    change(thread, by=request.user, **{field: on})
    messages.success(request, said[on])
    return redirect(thread)


@require_POST
@member_required
def pin(request, slug, pk):
    return _switch(
        request,
        slug,
        pk,
        field="pinned",
        change=services.set_pinned,
        said={True: "Pinned to the top of the noticeboard.", False: "Unpinned."},
    )


@require_POST
@member_required
def share(request, slug, pk):
    return _switch(
        request,
        slug,
        pk,
        field="shared",
        change=services.set_shared,
        said={
            True: "Shared with the programme team.",
            False: "Now only your partnership sees it.",
        },
    )
