"""Adding an action to a recorded issue, and reviewing an action at a later session."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from hub.core.services import ServiceError, apply_service_error
from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import ActionForm, ReviewForm
from learning_sets.models import Action, PresentedIssue
from learning_sets.views.base import in_space_or_404
from learning_sets.views.sessions import render_session, session_or_404


@member_required
@require_POST
def action_add(request, slug, pk):
    learning_set, issue = in_space_or_404(
        request, slug, PresentedIssue.objects.select_related("session"), pk
    )
    form = ActionForm(request.POST, prefix=f"action-{issue.pk}")
    if form.is_valid():
        try:
            services.add_action(issue, text=form.cleaned_data["text"], by=request.user)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Action added.")
            return redirect(issue.session.get_absolute_url() + f"#issue-{issue.pk}")
    # Shown again in place, with what they typed and what to change (not a redirect).
    _, session = session_or_404(request, slug, issue.session_id)
    return render_session(request, learning_set, session, sent_back=form)


@member_required
@require_POST
def action_review(request, slug, session_pk, pk):
    learning_set, session = session_or_404(request, slug, session_pk)
    action = get_object_or_404(
        Action.objects.visible_to(request.user), pk=pk, learning_set=learning_set
    )
    form = ReviewForm(request.POST, prefix=f"review-{action.pk}")
    if form.is_valid():
        try:
            services.review_action(action, session=session, **form.cleaned_data, by=request.user)
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, "Review recorded.")
            return redirect(session.get_absolute_url() + "#review")
    return render_session(request, learning_set, session, sent_back=form)
