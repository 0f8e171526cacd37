"""Signing in: allauth everywhere, MFA for officers, rate limits, open sign-up with approval."""

from django.test import override_settings
from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from hub.people import services
from hub.people.factories import DEMO_PASSWORD, PartnershipFactory, UserFactory
from hub.people.models import User

pytestmark = pytest.mark.django_db
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_admin_sign_in_page_sends_people_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/admin/" in response.url


def test_wagtail_admin_redirects_visitors_to_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "who, allowed", [("member", False), ("facilitator", True), ("officer", True)]
)
def test_admin_is_for_the_programme_team_only(client_for, request, who, allowed):
    response = client_for(request.getfixturevalue(who)).get("/admin/")
    if allowed:
        assert response.status_code == 200
    else:
        # One page that says why, not a trip back to the sign-in page.
        assert response.status_code == 403
        assert b"The admin is for the programme team" in response.content


def test_officer_without_totp_must_set_it_up(client_for, db):
    from hub.people.factories import OfficerFactory

    officer = OfficerFactory()
    response = client_for(officer).get("/partnerships/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_members_are_offered_but_not_forced_into_mfa(client_for, member):
    client = client_for(member)
    assert client.get("/partnerships/").status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def _login(client, email, password=DEMO_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_officer_sign_in_asks_for_the_code_and_refuses_a_wrong_one(client, officer):
    response = _login(client, officer.email)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert b"Incorrect code" in wrong.content
    assert "_auth_user_id" not in client.session
    counter = next(iter(yield_hotp_counters_from_time()))
    right = client.post(
        reverse("mfa_authenticate"), {"code": format_hotp_value(hotp_value(SECRET, counter))}
    )
    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == officer.pk


def test_failed_sign_ins_are_rate_limited(client, member):
    for _ in range(5):
        assert _login(client, member.email, "wrong-password").status_code == 200
    blocked = _login(client, member.email, DEMO_PASSWORD)
    assert blocked.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_wrong_password_gets_a_clear_message(client, member):
    response = _login(client, member.email, "not-it")
    assert b"not correct" in response.content


@override_settings(HUB_OPEN_SIGNUP=True)
def test_open_sign_up_waits_for_approval(client, client_for, lead, partnership):
    other = PartnershipFactory(name="Elsewhere")
    response = client.post(
        reverse("account_signup"),
        {
            "email": "open@example.org",
            "password1": "a-long-and-unusual-passphrase-42",
            "password2": "a-long-and-unusual-passphrase-42",
            "display_name": "Opal Open",
            "partnership": partnership.pk,
            "digest_frequency": "weekly",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="open@example.org")
    assert not person.is_approved
    client.force_login(person)
    assert client.get("/people/").status_code == 403  # the directory is for approved members
    # A lead of another partnership cannot let them in; their own lead can.
    stranger_lead = UserFactory()
    stranger_lead.memberships.create(partnership=other, role="lead")
    with pytest.raises(services.PermissionDenied):
        services.approve_person(person, by=stranger_lead)
    lead_client = client_for(lead)
    assert b"Opal Open" in lead_client.get(reverse("people:awaiting_approval")).content
    lead_client.post(reverse("people:awaiting_approval"), {"person": person.pk})
    person.refresh_from_db()
    assert person.is_approved
    assert person.partnerships.filter(pk=partnership.pk).exists()


def test_django_admin_is_not_mounted(client_for, officer):
    assert client_for(officer).get("/django-admin/").status_code == 404


def test_password_reset_email_goes_out_with_an_absolute_link(
    client, member, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [member.email]
    assert "http://testserver/accounts/password/reset/key/" in mail.outbox[-1].body
