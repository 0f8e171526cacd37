"""What every page of the sets shares: binding forms, finding the set (or refusing), the
space's context, and the one way a valid form becomes a change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from hub.moderation.pages import save_through
from learning_sets.models import BreakGlassAccess, LearningSet


def form_data(request, files=False):
    """Bind a form on every POST, even an empty one (so it shows its errors)."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _set(slug):
    return get_object_or_404(LearningSet.objects.prefetch_related("facilitators"), slug=slug)


def space_or_403(request, slug):
    """The set, if this person may read its space; 403 otherwise (staff are not exempt)."""
    learning_set = _set(slug)
    if not learning_set.can_enter(request.user):
        raise PermissionDenied("Only this set's members and facilitators can open its space.")
    return learning_set


def in_space_or_404(request, slug, queryset, pk):
    """The set (if this person may read its space) and one of its rows from ``queryset``,
    which must be a kind with ``visible_to``."""
    learning_set = space_or_403(request, slug)
    row = get_object_or_404(queryset.visible_to(request.user), pk=pk, learning_set=learning_set)
    return learning_set, row


def facilitated_or_403(request, slug):
    """The set, if this person facilitates it; 403 otherwise."""
    learning_set = _set(slug)
    if not learning_set.is_facilitated_by(request.user):
        raise PermissionDenied("Only this set's facilitators can open this page.")
    return learning_set


def space_context(request, learning_set, **extra):
    """What every space page shows: who is inside, and any break glass the set should know of."""
    user = request.user
    can_write = learning_set.can_write(user)
    return {
        "learning_set": learning_set,
        "can_write": can_write,
        "is_facilitator": learning_set.is_facilitated_by(user),
        "break_glass_notices": list(
            BreakGlassAccess.objects.visible_to(user)
            .filter(learning_set=learning_set)
            .select_related("opened_by")
        ),
        "via_break_glass": not can_write,
        **extra,
    }


def writer_form(request, learning_set, form_class, /, *, files=False, **kwargs):
    """The space's form for the set's own people; None for a break-glass reader, whose POST
    is refused (break glass is read-only)."""
    if learning_set.can_write(request.user):
        return form_class(*form_data(request, files=files), **kwargs)
    if request.method == "POST":
        raise PermissionDenied("Break glass access is read-only.")
    return None


def on_valid_post(request, form, change, *, message="", then=None, level=messages.success):
    """On a POST with a valid ``form``: make the change (``change(form.cleaned_data)``), say
    ``message`` and redirect to ``then`` (by default to what the change returned). A
    ServiceError goes on the form, shown again with what the person typed; None means "show
    the page" (also for a break-glass reader, who has no form)."""
    if form is None:
        return None
    return save_through(request, form, change, message, then=then, level=level)
