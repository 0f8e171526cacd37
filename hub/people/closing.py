"""Closing an account (by the person, or by an officer on their request), in one
transaction: every registered part removes or keeps what the person wrote, then the
person's own data goes and the account stays only as "a former member"."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from hub.core import data_rights
from hub.core.services import ServiceError
from hub.people import roles
from hub.people.models import AccountClosure, Invitation, JoinRequest, Membership, User

FORMER_MEMBER = "A former member"


def closed_email(person):
    return f"closed-{person.pk}@closed.invalid"


@transaction.atomic
def close_account(person, *, keep_contributions, by=None, reason=""):
    """Close ``person``'s account. ``keep_contributions``: what they posted in public and
    programme spaces stays as a former member's (True) or is removed (False). ``by`` is the
    officer acting on the person's request (their reason is logged); None for the person."""
    if by is not None and by.pk != person.pk and not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can close someone else's account.")
    person = User.objects.select_for_update().get(pk=person.pk)
    if AccountClosure.objects.filter(account=person).exists():
        raise ServiceError("This account is already closed.")
    if by is not None and by.pk != person.pk and not reason.strip():
        raise ServiceError("Say why the account is being closed, for the record.")
    for part in data_rights.parts():
        if part.close is not None:
            part.close(person, keep=keep_contributions, by=by or person)
    _remove_personal_data(person)
    return AccountClosure.objects.create(
        account=person,
        closed_by=by if by is not None and by.pk != person.pk else None,
        reason=reason.strip(),
        contributions_kept=keep_contributions,
    )


def _remove_personal_data(person):
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from hub.core.models import OutgoingEmail

    old_email = person.email
    _outbox_to(OutgoingEmail, old_email).delete()
    Invitation.objects.filter(email__iexact=old_email).delete()
    Invitation.objects.filter(accepted_by=person).update(email=closed_email(person))
    Membership.objects.filter(person=person).delete()
    JoinRequest.objects.filter(person=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    if person.avatar:
        person.avatar.delete(save=False)
    person.themes.clear()
    person.groups.set(Group.objects.none())
    person.email = closed_email(person)
    person.display_name = FORMER_MEMBER
    person.first_name = person.last_name = ""
    person.role_in_own_words = person.bio = person.ask_me_about = ""
    person.in_directory = person.show_email = False
    person.my_hub_seen_at = person.my_hub_since = None
    person.is_active = person.is_staff = person.is_superuser = False
    person.set_unusable_password()  # also ends every session (its hash changes)
    person.save()
    roles.forget(person)


def _outbox_to(model, email):
    """Outbox rows addressed to ``email`` (rendered emails hold the person's name)."""
    if connection.vendor == "postgresql":
        return model.objects.filter(to__contains=[email])
    ids = [pk for pk, to in model.objects.values_list("pk", "to") if email in (to or [])]
    return model.objects.filter(pk__in=ids)


def export(person):
    profile = data_rights.rows(
        User.objects.filter(pk=person.pk),
        "email",
        "first_name",
        "last_name",
        "display_name",
        "role_in_own_words",
        "bio",
        "ask_me_about",
        "in_directory",
        "show_email",
        "is_approved",
        "date_joined",
        "last_login",
    )
    return {
        "profile": profile,
        "themes": data_rights.rows(person.themes.all(), "name"),
        "memberships": data_rights.rows(
            Membership.objects.filter(person=person),
            "role",
            "joined_at",
            partnership="partnership__name",
        ),
        "partnership_join_requests": data_rights.rows(
            JoinRequest.objects.filter(person=person), "created_at", partnership="partnership__name"
        ),
        "invitations_sent": data_rights.rows(
            Invitation.objects.filter(invited_by=person),
            "role",
            "created_at",
            "accepted_at",
            "revoked_at",
            partnership="partnership__name",
        ),
    }


data_rights.register("account", export=export)
