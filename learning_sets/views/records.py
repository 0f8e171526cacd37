"""Adding an action to a recorded issue, and reviewing an action at a later session."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from hub.core.services import ServiceError
from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import ActionForm, ReviewForm
from learning_sets.models import Action, PresentedIssue
from learning_sets.views.base import in_space_or_404
from learning_sets.views.sessions import session_or_404


@member_required
@require_POST
def action_add(request, slug, pk):
    _, issue = in_space_or_404(request, slug, PresentedIssue.objects.select_related("session"), pk)
    form = ActionForm(request.POST, prefix="action")
    if form.is_valid():
        services.add_action(issue, text=form.cleaned_data["text"], by=request.user)
        messages.success(request, "Action added.")
    else:
        messages.error(request, "Write the action first.")
    return redirect(issue.session.get_absolute_url() + f"#issue-{issue.pk}")


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
            messages.error(request, str(error))
        else:
            messages.success(request, "Review recorded.")
    else:
        messages.error(request, "Choose what happened to the action.")
    return redirect(session.get_absolute_url() + "#review")
