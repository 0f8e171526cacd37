"""Pages for drafts shared for comment: the editor's share form and comments page, the
commenters' page, and the list of drafts a person may comment on.

Every page here is private to the people it names (``never_cache``: no shared cache, no
browser history copy); anyone else gets a 404, so a guessed address says nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub.moderation.pages import save_through
from hub.voices.heard import speakers_quoted_in

from ..models import BriefingPage
from . import services
from .forms import CommentForm, ShareForm
from .models import DraftComment, DraftShare, is_editor


def _editor_only(request):
    if not is_editor(request.user):
        raise PermissionDenied("Only the programme team edits briefings.")


@never_cache
@login_required
def drafts(request):
    """Drafts shared with this person; for the editors, every open share with its comments."""
    shared = DraftShare.objects.shared_with(request.user).select_related("page")
    team = []
    if is_editor(request.user):
        team = (
            DraftShare.objects.open()
            .select_related("page", "shared_by")
            .annotate(comment_count=Count("comments"))
            .order_by("-created_at", "-pk")
        )
    return TemplateResponse(
        request,
        "briefings/review/drafts.html",
        {"shared_with_me": list(shared.order_by("-created_at", "-pk")), "team_shares": team},
    )


@never_cache
@login_required
def share(request, page_id):
    """The editor chooses people and partnerships to ask for comments on a draft."""
    _editor_only(request)
    page = get_object_or_404(BriefingPage, pk=page_id)
    current = services.open_share(page)
    # The people whose words from the bank the draft quotes are asked first (the editor may
    # untick them or add others).
    form = ShareForm(request.POST or None, initial={"people": speakers_quoted_in(page)})

    def share_it(data):
        share = services.share_for_comment(page, by=request.user, **data)
        return reverse("drafts_for_comment:comments", args=[share.pk])

    done = save_through(
        request, form, share_it, "Shared for comment. We have told the people you chose."
    )
    if done:
        return done
    status = 400 if form.errors else 200
    return TemplateResponse(
        request,
        "briefings/review/share.html",
        {
            "page": page,
            "form": form,
            "current": current,
            "has_draft": services.has_draft(page),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
        status=status,
    )


def _comments_context(share):
    return {
        "share": share,
        "draft": share.draft(),
        "comments": list(share.comments.select_related("author").order_by("created_at", "pk")),
        "people": list(share.people.order_by("display_name")),
        "partnerships": list(share.partnerships.order_by("name")),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[share.page_id]),
    }


@never_cache
@login_required
def comments(request, share_id):
    """The editor reads the comments beside the draft, and can stop sharing."""
    _editor_only(request)
    share = get_object_or_404(DraftShare.objects.select_related("page", "shared_by"), pk=share_id)
    return TemplateResponse(request, "briefings/review/comments.html", _comments_context(share))


@require_POST
@login_required
def stop(request, share_id):
    _editor_only(request)
    share = get_object_or_404(DraftShare, pk=share_id)
    services.stop_sharing(share, request.user)
    messages.success(request, "Sharing stopped: the comment page is closed.")
    return redirect("drafts_for_comment:comments", share.pk)


@never_cache
@login_required
def comment(request, share_id):
    """The people asked see the draft as it will appear, and comment on it."""
    share = get_object_or_404(DraftShare.objects.select_related("page", "shared_by"), pk=share_id)
    if not (share.is_shared_with(request.user) or is_editor(request.user)):
        raise Http404("No such draft.")
    if not share.is_open:
        return TemplateResponse(
            request, "briefings/review/closed.html", {"share": share}, status=410
        )
    form = CommentForm(request.POST or None)
    done = save_through(
        request,
        form,
        lambda data: services.comment(share, request.user, data["body"]),
        "Thank you: your comment is with the learning team.",
        then=reverse("drafts_for_comment:comment", args=[share.pk]),
    )
    if done:
        return done
    mine = DraftComment.objects.filter(share=share, author=request.user).order_by("created_at")
    return TemplateResponse(
        request,
        "briefings/review/comment.html",
        {"share": share, "draft": share.draft(), "form": form, "my_comments": list(mine)},
        status=400 if form.errors else 200,
    )
