"""Finding a set, asking to join, answering an invitation and leaving."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.core.services import ServiceError, apply_service_error
from hub.people import roles
from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import AcceptInvitationForm, JoinRequestForm, LeaveForm
from learning_sets.models import (
    JoinRequest,
    LearningSet,
    SetInvitation,
    facilitated_set_ids,
    sets_of,
)
from learning_sets.views.base import form_data, on_valid_post


@member_required
def set_list(request):
    user = request.user
    forming = list(
        LearningSet.objects.visible_to(user)
        .filter(status=LearningSet.Status.FORMING)
        .exclude(pk__in=roles.set_ids_of(user))
        .annotate(member_count=Count("memberships", filter=Q(memberships__left_at__isnull=True)))
    )
    for learning_set in forming:
        learning_set.places = max(learning_set.max_size - learning_set.member_count, 0)
    facilitated = facilitated_set_ids(user)
    return render(
        request,
        "learning_sets/set_list.html",
        {
            "mine": sets_of(user),
            "forming": forming,
            "invitations": SetInvitation.objects.visible_to(user)
            .pending()
            .filter(person=user)
            .select_related("learning_set"),
            "pending_ids": set(
                JoinRequest.objects.visible_to(user)
                .pending()
                .filter(person=user)
                .values_list("learning_set_id", flat=True)
            ),
            "facilitated_ids": facilitated,
            "facilitates_any": bool(facilitated),
        },
    )


@member_required
def set_detail(request, slug):
    """The basics of a set (never its content), and the form to ask to join a forming set."""
    learning_set = get_object_or_404(LearningSet, slug=slug)
    user = request.user
    if not learning_set.can_view(user):
        raise PermissionDenied("This set is not taking new members.")
    inside = learning_set.can_write(user)
    pending = (
        JoinRequest.objects.visible_to(user)
        .pending()
        .filter(person=user, learning_set=learning_set)
        .first()
    )
    form = None
    if not inside and not pending and learning_set.status == LearningSet.Status.FORMING:
        form = JoinRequestForm(*form_data(request))
    elif request.method == "POST":
        raise PermissionDenied("You cannot ask to join this set.")
    if done := on_valid_post(
        request,
        form,
        lambda data: services.request_to_join(
            user, learning_set, note=data["note"], agreed_to_ground_rules=data["agree"]
        ),
        message="Thank you. The facilitator will reply soon.",
        then=learning_set.get_absolute_url(),
    ):
        return done
    return render(
        request,
        "learning_sets/set_detail.html",
        {
            "learning_set": learning_set,
            "inside": inside,
            "pending": pending,
            "form": form,
            "places_left": learning_set.places_left(),
        },
    )


@member_required
@require_POST
def withdraw_request(request, slug, pk):
    join_request = get_object_or_404(
        JoinRequest.objects.visible_to(request.user),
        pk=pk,
        learning_set__slug=slug,
        person=request.user,
    )
    try:
        services.withdraw_join_request(join_request, request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your request is withdrawn.")
    return redirect("learning_sets:detail", slug=slug)


@member_required
def invitation(request, pk):
    """The invited person's page: the set's basics and ground rules, to join or decline."""
    invitation = get_object_or_404(
        SetInvitation.objects.visible_to(request.user).select_related("learning_set"),
        pk=pk,
        person=request.user,
    )
    form = AcceptInvitationForm(*form_data(request))
    if request.method == "POST" and invitation.status == SetInvitation.Status.PENDING:
        # Declining needs no agreement; joining needs the ground rules agreed.
        accept = request.POST.get("answer") == "accept"
        if not accept or form.is_valid():
            try:
                services.answer_invitation(
                    invitation,
                    request.user,
                    accept=accept,
                    agreed_to_ground_rules=accept and form.cleaned_data["agree"],
                )
            except ServiceError as error:
                apply_service_error(form, error)
            else:
                if accept:
                    messages.success(request, f"Welcome to {invitation.learning_set.name}.")
                    return redirect(invitation.learning_set.get_space_url())
                messages.success(request, "You have declined the invitation.")
                return redirect("learning_sets:list")
    return render(
        request, "learning_sets/invitation.html", {"invitation": invitation, "form": form}
    )


@member_required
def leave(request, slug):
    learning_set = get_object_or_404(LearningSet, slug=slug)
    if not learning_set.is_current_member(request.user):
        raise PermissionDenied("You are not a member of this set.")
    form = LeaveForm(*form_data(request))
    if done := on_valid_post(
        request,
        form,
        lambda data: services.leave(request.user, learning_set, anonymise=data["anonymise"]),
        message=f"You have left {learning_set.name}.",
        then=reverse("learning_sets:list"),
    ):
        return done
    return render(request, "learning_sets/leave.html", {"learning_set": learning_set, "form": form})
