"""Partnership directory, partnership pages, invitations and approvals (the people
directory and profiles are in hub.people.profiles)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hub.core.ratelimit import rate_limited
from hub.core.services import ServiceError
from hub.people import partnership_page, roles, services
from hub.people.adapters import INVITATION_SESSION_KEY
from hub.people.decorators import member_required
from hub.people.forms import InvitationForm
from hub.people.models import Invitation, Membership, Partnership, User


def partnership_list(request):
    """Every partnership's public card; how many people each has is for the programme."""
    partnerships = Partnership.objects.visible_to(request.user)
    if roles.is_member(request.user):
        partnerships = partnerships.annotate(member_count=Count("memberships"))
    return render(request, "people/partnership_list.html", {"partnerships": partnerships})


def partnership_detail(request, slug):
    """A partnership's public page (who they are, where, what they have shared publicly,
    the events they host), for visitors too. Each section asks its own app's ``visible_to``,
    so a member sees more than a visitor; the space stays its people's (and the programme
    team sees how busy it is, ``hub.partnerships.sections.noticeboard``)."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), slug=slug)
    # A lead who chose not to appear in the directory is not named here either.
    leads = User.objects.visible_to(request.user).filter(
        memberships__in=Membership.objects.visible_to(request.user).filter(
            partnership=partnership, role=Membership.Role.LEAD
        )
    )
    return render(
        request,
        "people/partnership_detail.html",
        {
            "partnership": partnership,
            "leads": leads,
            # Who belongs to a partnership is for the programme's people only.
            "shows_people": roles.is_member(request.user),
            "is_own": partnership.pk in roles.partnership_ids_of(request.user),
            "can_manage": roles.can_manage_partnership(request.user, partnership),
            "sections": partnership_page.sections_for(request.user, partnership),
        },
    )


@member_required
def partnership_members(request, slug):
    """Members-only page of one partnership: its own people and officers may open it."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), slug=slug)
    is_own = partnership.pk in roles.partnership_ids_of(request.user)
    if not (is_own or roles.is_officer(request.user)):
        raise PermissionDenied("This page is for members of this partnership.")
    can_manage = roles.can_manage_partnership(request.user, partnership)
    memberships = (
        Membership.objects.visible_to(request.user)
        .filter(partnership=partnership)
        .select_related("person")
        .order_by("-role", "person__display_name")
    )
    form = None
    if can_manage:
        form = InvitationForm(
            request.POST or None,
            inviter=request.user,
            partnerships=Partnership.objects.filter(pk=partnership.pk),
            roles=[Invitation.Role.MEMBER, Invitation.Role.LEAD],
            initial={"partnership": partnership},
        )
        if request.method == "POST" and form.is_valid():
            services.invite(
                inviter=request.user,
                email=form.cleaned_data["email"],
                partnership=partnership,
                role=form.cleaned_data["role"],
                message=form.cleaned_data["message"],
            )
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("people:partnership_members", slug=slug)
    return render(
        request,
        "people/partnership_members.html",
        {
            "partnership": partnership,
            "memberships": memberships,
            "can_manage": can_manage,
            "form": form,
            "invitations": (
                Invitation.objects.visible_to(request.user).usable().filter(partnership=partnership)
                if can_manage
                else []
            ),
        },
    )


@member_required
@rate_limited("invitation")
def invite(request):
    """Officers invite anyone; leads invite to the partnerships they lead."""
    if roles.is_officer(request.user):
        partnerships = Partnership.objects.filter(active=True)
        allowed = [choice for choice, _ in Invitation.Role.choices]
    else:
        partnerships = roles.led_partnerships(request.user)
        allowed = [Invitation.Role.MEMBER, Invitation.Role.LEAD]
        if not partnerships.exists():
            raise PermissionDenied("Only partnership leads and programme officers can invite.")
    form = InvitationForm(
        request.POST or None, inviter=request.user, partnerships=partnerships, roles=allowed
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(inviter=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("people:invite")
    sent = (
        Invitation.objects.visible_to(request.user)
        .filter(invited_by=request.user)
        .select_related("partnership")[:20]
    )
    return render(
        request,
        "people/invite.html",
        {"form": form, "sent": sent, "invitation_days": settings.HUB_INVITATION_DAYS},
    )


@require_POST
@member_required
def revoke_invitation(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    services.revoke_invitation(invitation, by=request.user)
    messages.success(request, f"The invitation for {invitation.email} no longer works.")
    # Back to the page the form was on, but only if that page is on this site.
    next_url = request.POST.get("next")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("people:invite")


def invitation(request, token):
    """Where an invitation's link lands: sign up, sign in, or accept if already signed in."""
    invitation = Invitation.objects.filter(token=token).select_related("partnership").first()
    if invitation is None or not invitation.is_usable:
        return render(
            request, "people/invitation_unusable.html", {"invitation": invitation}, status=410
        )
    if request.user.is_authenticated:
        context = {"invitation": invitation}
        if not services.invitation_is_for(invitation, request.user):
            # Say so before they press anything; the service refuses a POST all the same.
            context["refusal"] = services.someone_else_message(invitation)
        if request.method == "POST":
            try:
                services.accept_invitation(invitation, request.user)
            except services.InvitationForSomeoneElse as error:
                context["refusal"] = error.messages[0]
                return render(request, "people/invitation_accept.html", context, status=403)
            except ServiceError as error:
                messages.error(request, error.messages[0])
                return redirect("/")
            messages.success(request, "Welcome. You have joined.")
            if invitation.partnership:
                return redirect(invitation.partnership)
            return redirect("/")
        return render(
            request,
            "people/invitation_accept.html",
            context,
            status=403 if "refusal" in context else 200,
        )
    request.session[INVITATION_SESSION_KEY] = token
    if User.objects.filter(email__iexact=invitation.email).exists():
        messages.info(request, "You already have an account. Sign in to accept the invitation.")
        return redirect_to_login(invitation.get_absolute_url(), reverse("account_login"))
    return redirect(f"{reverse('account_signup')}?email={invitation.email}")


def _next_huddle(person):
    """The next huddle this person could join, through the "what is new" contract (the core
    never imports events): the first huddle in their "Coming up" list, or None."""
    from hub.core.whats_new import feeds

    for feed in feeds(["events.whats_new.ComingUp"]):
        section = feed.for_person(person, limit=20)
        for thing in section.items if section else []:
            if getattr(thing.subject, "kind", "") == "huddle":
                return thing
    return None


@member_required
def welcome(request):
    """Where someone lands after joining: what the hub is for, their partnership, the next
    huddle they could join, their digest choice and where to get help."""
    memberships = (
        Membership.objects.visible_to(request.user)
        .filter(person=request.user)
        .select_related("partnership")
    )
    return render(
        request,
        "people/welcome.html",
        {
            "memberships": memberships,
            "next_huddle": _next_huddle(request.user),
            # The reverse relation only: the core reads the choice without importing digests.
            "digest": getattr(request.user, "digest_preference", None),
        },
    )


@member_required
def awaiting_approval(request):
    """People who signed up openly, for the officers and leads who can let them in."""
    waiting = User.objects.filter(is_approved=False, is_active=True).prefetch_related(
        "join_requests__partnership"
    )
    if not roles.is_officer(request.user):
        led = roles.led_partnerships(request.user)
        if not led.exists():
            raise PermissionDenied
        waiting = waiting.filter(join_requests__partnership__in=led).distinct()
    if request.method == "POST":
        person = get_object_or_404(waiting, pk=request.POST.get("person"))
        services.approve_person(person, by=request.user)
        messages.success(request, f"{person} can now use the hub.")
        return redirect("people:awaiting_approval")
    return render(request, "people/awaiting_list.html", {"waiting": waiting})
