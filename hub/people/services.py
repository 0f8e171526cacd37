"""Rules that change who is on the hub. Views, admin actions and commands all call these."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hub.core.mail import send_email
from hub.core.services import ServiceError
from hub.people import roles
from hub.people.models import Invitation, Membership, User

PROGRAMME_ROLE_GROUPS = {
    Invitation.Role.OFFICER: roles.OFFICERS,
    Invitation.Role.FACILITATOR: roles.FACILITATORS,
}


def can_invite(inviter, partnership, role):
    """Officers invite anyone to anything; a lead invites members and leads to their own."""
    if roles.is_officer(inviter):
        return True
    if role in PROGRAMME_ROLE_GROUPS or partnership is None:
        return False
    return roles.is_lead_of(inviter, partnership)


@transaction.atomic
def invite(*, inviter, email, partnership=None, role=Invitation.Role.MEMBER, message=""):
    """Create an invitation and email its link (after commit)."""
    if not can_invite(inviter, partnership, role):
        raise PermissionDenied("You cannot invite people with that role to that partnership.")
    email = email.strip().lower()
    # A fresh invitation replaces any open one for the same person and place.
    Invitation.objects.usable().filter(email=email, partnership=partnership, role=role).update(
        revoked_at=timezone.now()
    )
    invitation = Invitation.objects.create(
        email=email, partnership=partnership, role=role, message=message, invited_by=inviter
    )
    send_email(
        "people/email/invitation",
        email,
        {
            "invitation": invitation,
            "inviter": inviter,
            "existing": User.objects.filter(email=email).exists(),
        },
    )
    return invitation


@transaction.atomic
def revoke_invitation(invitation, *, by):
    if not can_invite(by, invitation.partnership, invitation.role):
        raise PermissionDenied
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


class InvitationForSomeoneElse(ServiceError):
    """The invitation was sent to a different address from the account trying to accept it."""


def normalise_email(address):
    """An address as the hub stores and compares it: no surrounding spaces, lower case."""
    return (address or "").strip().lower()


def invitation_is_for(invitation, user):
    """True when ``user`` holds the address the invitation was sent to.

    Their sign-in address counts, and so does any other address they have verified with
    allauth: either way they have shown the invitation's inbox is theirs.
    """
    from allauth.account.models import EmailAddress

    wanted = normalise_email(invitation.email)
    if normalise_email(user.email) == wanted:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=wanted, verified=True).exists()


def someone_else_message(invitation):
    """What a signed-in person is told when the invitation they opened is not theirs."""
    return (
        f"This invitation was sent to {invitation.masked_email}. Sign out, then sign in or "
        "create an account with that address to accept it. If you would rather join with "
        "this account, ask the person who invited you to send a new invitation to your own "
        "address."
    )


@transaction.atomic
def accept_invitation(invitation, user):
    """Join the partnership (or programme team) the invitation names. Once only.

    Only the person the invitation was sent to may accept it: an invitation is a link in an
    email and can be forwarded, but the role it gives is meant for one address.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ServiceError(f"This invitation cannot be used: it is {invitation.status}.")
    if not invitation_is_for(invitation, user):
        raise InvitationForSomeoneElse(someone_else_message(invitation), code="someone_else")
    if invitation.partnership_id:
        role = (
            Membership.Role.LEAD
            if invitation.role == Invitation.Role.LEAD
            else Membership.Role.MEMBER
        )
        membership, created = Membership.objects.get_or_create(
            person=user, partnership=invitation.partnership, defaults={"role": role}
        )
        if not created and role == Membership.Role.LEAD and membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
    group_name = PROGRAMME_ROLE_GROUPS.get(invitation.role)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
        if not user.is_staff:
            user.is_staff = True
    if not user.is_approved:
        user.is_approved = True
    user.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


def can_approve(approver, person):
    """Officers approve anyone waiting; leads approve people who asked to join their partnership."""
    if roles.is_officer(approver):
        return True
    wanted = person.join_requests.values_list("partnership_id", flat=True)
    return roles.led_partnerships(approver).filter(pk__in=wanted).exists()


@transaction.atomic
def approve_person(person, *, by):
    """Let someone who signed up openly in, joining the partnership they asked for."""
    if not can_approve(by, person):
        raise PermissionDenied
    person.is_approved = True
    person.save(update_fields=["is_approved"])
    for request in person.join_requests.select_related("partnership"):
        Membership.objects.get_or_create(person=person, partnership=request.partnership)
    person.join_requests.all().delete()
    send_email("people/email/approved", person.email, {"person": person})
