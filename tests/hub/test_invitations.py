"""Invite-only sign-up: invitations, sign-up through them, and their failure modes."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from hub.core.services import ServiceError
from hub.people import services
from hub.people.factories import InvitationFactory, UserFactory
from hub.people.models import Invitation, Membership, User

pytestmark = pytest.mark.django_db

STRONG = "a-long-and-unusual-passphrase-42"


def sign_up(client, invitation, *, email=None, password=STRONG, password2=None, name="Nia New"):
    client.get(invitation.get_absolute_url())
    return client.post(
        reverse("account_signup"),
        {
            "email": email or invitation.email,
            "password1": password,
            "password2": password2 or password,
            "display_name": name,
            "role_in_own_words": "parent",
            "digest_frequency": "weekly",
        },
    )


def test_officer_invites_and_email_carries_an_absolute_link(
    officer, partnership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(
            inviter=officer, email="New@Example.org", partnership=partnership
        )
    assert invitation.email == "new@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert f"http://testserver/invitations/{invitation.token}/" in message.body
    assert "Harbourside Families Together" in message.body
    assert message.alternatives and "<a " in message.alternatives[0][0]


def test_lead_can_invite_to_own_partnership_only(lead, partnership, other_partnership):
    services.invite(inviter=lead, email="a@example.org", partnership=partnership)
    with pytest.raises(services.PermissionDenied):
        services.invite(inviter=lead, email="b@example.org", partnership=other_partnership)
    with pytest.raises(services.PermissionDenied):
        services.invite(
            inviter=lead, email="c@example.org", partnership=None, role=Invitation.Role.OFFICER
        )
    assert list(Invitation.objects.values_list("email", flat=True)) == ["a@example.org"]


def test_member_cannot_invite(member, partnership, client_for):
    with pytest.raises(services.PermissionDenied):
        services.invite(inviter=member, email="x@example.org", partnership=partnership)
    response = client_for(member).get(reverse("people:invite"))
    assert response.status_code == 403


def test_sign_up_through_invitation_joins_the_partnership(client, partnership):
    invitation = InvitationFactory(email="nia@example.org", partnership=partnership)
    response = sign_up(client, invitation)
    assert response.status_code == 302
    person = User.objects.get(email="nia@example.org")
    assert person.display_name == "Nia New"
    assert person.role_in_own_words == "parent"
    assert Membership.objects.filter(person=person, partnership=partnership).exists()
    invitation.refresh_from_db()
    assert invitation.status == "used"
    assert invitation.accepted_by == person


def test_sign_up_is_closed_without_an_invitation(client):
    response = client.get(reverse("account_signup"))
    assert b"Joining is by invitation" in response.content
    client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "password1": STRONG, "password2": STRONG, "display_name": "X"},
    )
    assert not User.objects.filter(email="x@example.org").exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"expires_at": timezone.now() - timedelta(days=1)}, b"has expired"),
        ({"revoked_at": timezone.now()}, b"has been withdrawn"),
        ({"accepted_at": timezone.now()}, b"already been used"),
    ],
)
def test_unusable_invitations_say_why(client, partnership, change, message):
    invitation = InvitationFactory(partnership=partnership, **change)
    response = client.get(invitation.get_absolute_url())
    assert response.status_code == 410
    assert message in response.content
    # ... and the sign-up form stays closed to them.
    client.post(
        reverse("account_signup"),
        {"email": invitation.email, "password1": STRONG, "password2": STRONG, "display_name": "X"},
    )
    assert not User.objects.filter(email=invitation.email).exists()


def test_unknown_invitation_link(client, db):
    response = client.get("/invitations/not-a-real-token/")
    assert response.status_code == 410
    assert b"could not find this invitation" in response.content


def test_weak_password_re_renders_with_error_and_keeps_input(client, partnership):
    invitation = InvitationFactory(email="weak@example.org", partnership=partnership)
    response = sign_up(client, invitation, password="password1")
    assert response.status_code == 200
    assert b"This password is too common" in response.content
    assert b'value="Nia New"' in response.content
    assert not User.objects.filter(email="weak@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.status == "open"


def test_duplicate_email_creates_nothing(client, partnership, member):
    invitation = InvitationFactory(email=member.email, partnership=partnership)
    client.get(invitation.get_absolute_url())
    response = client.post(
        reverse("account_signup"),
        {"email": member.email, "password1": STRONG, "password2": STRONG, "display_name": "Dup"},
    )
    # allauth does not reveal that the address is taken (no enumeration): it says
    # "check your email", mails the owner, and creates nothing.
    assert response.status_code in (200, 302)
    assert User.objects.filter(email=member.email).count() == 1
    assert User.objects.get(email=member.email).display_name == "Maya Member"


def test_existing_account_is_sent_to_sign_in_then_accepts(client, partnership, other_partnership):
    person = UserFactory(email="existing@example.org")
    invitation = InvitationFactory(email=person.email, partnership=other_partnership)
    response = client.get(invitation.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(person)
    assert b"Accept and join" in client.get(invitation.get_absolute_url()).content
    client.post(invitation.get_absolute_url())
    assert person.partnerships.filter(pk=other_partnership.pk).exists()


def test_invitation_is_used_once_even_when_accepted_twice(partnership):
    invitation = InvitationFactory(partnership=partnership)
    first, second = UserFactory(email=invitation.email), UserFactory()
    services.accept_invitation(invitation, first)
    with pytest.raises(ServiceError, match="it is used"):
        services.accept_invitation(invitation, first)
    with pytest.raises(ServiceError):
        services.accept_invitation(invitation, second)
    assert not second.partnerships.exists()


def test_officer_invitation_gives_the_programme_role(officer):
    invitation = services.invite(
        inviter=officer, email="po@example.org", role=Invitation.Role.OFFICER
    )
    person = UserFactory(email="po@example.org")
    services.accept_invitation(invitation, person)
    assert person.groups.filter(name="Programme officers").exists()
    assert person.is_staff


def test_lead_invites_from_the_partnership_page(
    client_for, lead, partnership, django_capture_on_commit_callbacks
):
    client = client_for(lead)
    url = reverse("people:partnership_members", args=[partnership.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "friend@example.org", "partnership": partnership.pk, "role": "member"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["friend@example.org"]
    bad = client.post(
        url, {"email": "not-an-email", "partnership": partnership.pk, "role": "member"}
    )
    assert bad.status_code == 200
    assert b"There is a problem" in bad.content
    assert b'value="not-an-email"' in bad.content


# --- An invitation belongs to the address it was sent to (security review, issue 15) ------


def test_another_signed_in_account_cannot_accept_an_officer_invitation(client_for, officer, member):
    invitation = services.invite(
        inviter=officer, email="jo.officer@example.org", role=Invitation.Role.OFFICER
    )
    client = client_for(member)
    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 403
    assert b"This invitation was sent to j***@example.org. Sign out" in page.content
    assert b"jo.officer@example.org" not in page.content  # not the whole address
    assert b"Accept and join" not in page.content
    assert b"Sign out and use the invited address" in page.content
    # Signing out comes back to the invitation, which then offers sign-up or sign-in.
    assert f'name="next" value="{invitation.get_absolute_url()}"' in page.content.decode()
    signed_out = client.post(reverse("account_logout"), {"next": invitation.get_absolute_url()})
    assert signed_out.url == invitation.get_absolute_url()
    client.force_login(member)

    refused = client.post(invitation.get_absolute_url())
    assert refused.status_code == 403
    assert b"This invitation was sent to j***@example.org" in refused.content
    member.refresh_from_db()
    assert not member.is_staff
    assert not member.groups.filter(name="Programme officers").exists()
    invitation.refresh_from_db()
    assert invitation.status == "open"
    assert invitation.accepted_by is None


def test_the_service_refuses_someone_else_so_every_caller_does(officer, member, partnership):
    invitation = services.invite(
        inviter=officer, email="fac@example.org", role=Invitation.Role.FACILITATOR
    )
    with pytest.raises(services.InvitationForSomeoneElse, match=r"sent to f\*\*\*@example\.org"):
        services.accept_invitation(invitation, member)
    assert not member.groups.exists()
    assert Invitation.objects.get(pk=invitation.pk).status == "open"


def test_the_invited_address_matches_whatever_its_case_and_spaces(partnership):
    invitation = InvitationFactory(email=" Nia.New@Example.ORG ", partnership=partnership)
    person = UserFactory(email="nia.new@example.org")
    services.accept_invitation(invitation, person)
    assert person.partnerships.filter(pk=partnership.pk).exists()


def test_sign_up_form_is_fixed_to_the_invited_address(client, partnership):
    invitation = InvitationFactory(email="nia@example.org", partnership=partnership)
    client.get(invitation.get_absolute_url())
    # Even with another address put in the link by hand, the form shows the invited one.
    page = client.get(reverse("account_signup") + "?email=someone.else@example.org")
    assert b'value="nia@example.org"' in page.content
    assert b"readonly" in page.content
    assert b"The address your invitation was sent to." in page.content
    assert b"someone.else@example.org" not in page.content


def test_sign_up_with_a_different_address_is_refused_and_the_invited_one_works(client, officer):
    invitation = services.invite(
        inviter=officer, email="fac@example.org", role=Invitation.Role.FACILITATOR
    )
    response = sign_up(client, invitation, email="not.me@example.org")
    assert response.status_code == 200
    assert b"Your invitation was sent to the address shown here" in response.content
    assert b'value="Nia New"' in response.content  # the rest of what they typed is kept
    assert b'value="fac@example.org"' in response.content
    assert not User.objects.filter(email__in=["not.me@example.org", "fac@example.org"]).exists()
    assert Invitation.objects.get(pk=invitation.pk).status == "open"

    response = client.post(
        reverse("account_signup"),
        {
            "email": "fac@example.org",
            "password1": STRONG,
            "password2": STRONG,
            "display_name": "Nia New",
            "digest_frequency": "weekly",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="fac@example.org")
    assert person.groups.filter(name="Facilitators").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == person
