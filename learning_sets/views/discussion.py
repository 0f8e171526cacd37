"""The set's discussion between sessions."""

from django.shortcuts import render
from django.urls import reverse

from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import PostForm
from learning_sets.models import DiscussionPost
from learning_sets.views.base import on_valid_post, space_context, space_or_403, writer_form


@member_required
def discussion(request, slug):
    learning_set = space_or_403(request, slug)
    form = writer_form(request, learning_set, PostForm)
    if done := on_valid_post(
        request,
        form,
        lambda data: services.post_message(learning_set, author=request.user, body=data["body"]),
        then=reverse("learning_sets:discussion", args=[slug]),
    ):
        return done
    posts = (
        DiscussionPost.objects.visible_to(request.user)
        .filter(learning_set=learning_set)
        .select_related("author")
    )
    return render(
        request,
        "learning_sets/discussion.html",
        space_context(request, learning_set, posts=posts, form=form, space_page="discussion"),
    )
