"""Break glass: a superuser's deliberate, recorded way in to read a set's space."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import BreakGlassForm
from learning_sets.models import LearningSet
from learning_sets.views.base import form_data, on_valid_post


@member_required
def break_glass(request, slug):
    """Nobody but a superuser may even see the form."""
    learning_set = get_object_or_404(LearningSet, slug=slug)
    if not request.user.is_superuser:
        raise PermissionDenied("Only a superuser can do this, and it is recorded.")
    form = BreakGlassForm(*form_data(request))
    return on_valid_post(
        request,
        form,
        lambda data: services.break_glass(learning_set, by=request.user, reason=data["reason"]),
        message="Access recorded. It ends in one hour.",
        level=messages.warning,
        then=learning_set.get_space_url(),
    ) or render(
        request, "learning_sets/break_glass.html", {"learning_set": learning_set, "form": form}
    )
