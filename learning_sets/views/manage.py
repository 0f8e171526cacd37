"""Facilitators' pages: starting and changing a set, its members and requests, and its
health (numbers only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hub.core.services import ServiceError
from hub.people import roles
from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import InviteForm, LearningSetForm
from learning_sets.models import JoinRequest, LearningSet, SetInvitation, SetMembership, SetSession
from learning_sets.queries import health_figures
from learning_sets.views.base import facilitated_or_403, form_data, on_valid_post


@member_required
def set_new(request):
    """Facilitators start a set: its basics only."""
    if not roles.is_facilitator(request.user):
        raise PermissionDenied("Only facilitators can start a set.")
    form = LearningSetForm(*form_data(request), initial={"facilitators": [request.user.pk]})
    return on_valid_post(
        request,
        form,
        lambda data: services.create_set(**data),
        message="The set is listed for programme members to ask to join.",
    ) or render(request, "learning_sets/set_form.html", {"form": form})


@member_required
def set_edit(request, slug):
    learning_set = facilitated_or_403(request, slug)
    form = LearningSetForm(*form_data(request), instance=learning_set)
    return on_valid_post(
        request,
        form,
        lambda data: services.update_set(learning_set, **data, by=request.user),
        message="Saved.",
        then=reverse("learning_sets:manage", args=[learning_set.slug]),
    ) or render(
        request, "learning_sets/set_form.html", {"form": form, "learning_set": learning_set}
    )


@member_required
def manage(request, slug):
    """Requests to answer, invitations, members: who is in the set, never what they said."""
    learning_set = facilitated_or_403(request, slug)
    user = request.user
    form = InviteForm(*form_data(request), learning_set=learning_set)
    if done := on_valid_post(
        request,
        form,
        lambda data: services.invite(learning_set, data["person"], by=user),
        then=reverse("learning_sets:manage", args=[slug]),
    ):
        messages.success(request, f"Invitation sent to {form.cleaned_data['person']}.")
        return done
    members = SetMembership.objects.visible_to(user).current().filter(learning_set=learning_set)
    return render(
        request,
        "learning_sets/manage.html",
        {
            "learning_set": learning_set,
            "form": form,
            "requests": JoinRequest.objects.visible_to(user)
            .pending()
            .filter(learning_set=learning_set)
            .select_related("person"),
            "invitations": SetInvitation.objects.visible_to(user)
            .pending()
            .filter(learning_set=learning_set)
            .select_related("person"),
            "members": members.select_related("person"),
            "places_left": learning_set.places_left(),
            "statuses": LearningSet.Status.choices,
        },
    )


@member_required
@require_POST
def decide_request(request, slug, pk, decision):
    if decision not in ("accept", "decline"):
        raise Http404
    learning_set = facilitated_or_403(request, slug)
    join_request = get_object_or_404(
        JoinRequest.objects.visible_to(request.user), pk=pk, learning_set=learning_set
    )
    try:
        if decision == "accept":
            services.accept_join_request(join_request, request.user)
            messages.success(request, f"{join_request.person} is now in the set.")
        else:
            services.decline_join_request(join_request, request.user)
            messages.success(request, "Request declined.")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("learning_sets:manage", slug=slug)


@member_required
@require_POST
def change_status(request, slug):
    learning_set = facilitated_or_403(request, slug)
    status = request.POST.get("status")
    if status not in LearningSet.Status.values:
        messages.error(request, "Choose a status.")
    else:
        services.set_status(learning_set, status, request.user)
        messages.success(request, "Status changed.")
    return redirect("learning_sets:manage", slug=slug)


@member_required
def health_overview(request):
    if not request.user.facilitated_sets.exists():
        raise PermissionDenied("This page is for facilitators of a set.")
    now = timezone.now()
    return render(
        request,
        "learning_sets/health_overview.html",
        {"rows": [health_figures(s, now) for s in request.user.facilitated_sets.all()]},
    )


@member_required
def health(request, slug):
    learning_set = facilitated_or_403(request, slug)
    now = timezone.now()
    sessions = (
        SetSession.objects.filter(learning_set=learning_set)
        .annotate(
            marked=Count("attendance"),
            present=Count("attendance", filter=Q(attendance__present=True)),
        )
        .order_by("-starts_at")
    )
    return render(
        request,
        "learning_sets/health.html",
        {"row": health_figures(learning_set, now), "sessions": sessions, "now": now},
    )
