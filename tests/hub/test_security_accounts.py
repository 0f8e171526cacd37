"""Accounts after the security review (issue 15): sign-in limits behind a proxy, two-step
sign-in for everyone with the admin, safe redirects, and one clear page for the admin."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from hub.people import services
from hub.people.factories import DEMO_PASSWORD, FacilitatorFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"  # the TLS proxy: every request reaches gunicorn from here
TOO_MANY = b"Too many failed login attempts"


def _login(client, email, password, *, forwarded_for=None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def _five_wrong_passwords_from(client, forwarded_for):
    for n in range(5):
        # Different made-up accounts, so only the per-address limit can be what stops them.
        response = _login(
            client, f"guess{n}@example.org", "wrong-password", forwarded_for=forwarded_for
        )
        assert b"not correct" in response.content


# --- Sign-in limits behind a proxy -------------------------------------------------------


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_failures_from_one_visitor_do_not_lock_out_another(client, member):
    from django.test import Client

    client_a, client_b = client, Client()
    # The proxy appends the address it saw; whatever the visitor sent comes before it.
    _five_wrong_passwords_from(client_a, "203.0.113.7")

    welcome = _login(client_b, member.email, DEMO_PASSWORD, forwarded_for="198.51.100.9")
    assert welcome.status_code == 302
    assert int(client_b.session["_auth_user_id"]) == member.pk

    # Visitor A is the one held back, even with the right password for a real account.
    held = _login(client_a, member.email, DEMO_PASSWORD, forwarded_for="203.0.113.7")
    assert TOO_MANY in held.content
    assert "_auth_user_id" not in client_a.session

    # A visitor who forges the header cannot pass for someone else: the proxy's entry counts.
    forged = _login(
        client_a, member.email, DEMO_PASSWORD, forwarded_for="198.51.100.9, 203.0.113.7"
    )
    assert TOO_MANY in forged.content
    assert "_auth_user_id" not in client_a.session


def test_with_no_trusted_proxy_the_forwarded_header_is_ignored(client, member):
    """The setting matters: without it every visitor is the proxy, and a forged header
    does not let anyone round the limit either."""
    from django.test import Client

    _five_wrong_passwords_from(client, "203.0.113.7")
    other = Client()
    blocked = _login(other, member.email, DEMO_PASSWORD, forwarded_for="198.51.100.9")
    assert TOO_MANY in blocked.content
    assert "_auth_user_id" not in other.session


@pytest.mark.parametrize(
    "module, value, expected",
    [("dev", None, "0"), ("production", None, "1"), ("production", "2", "2")],
)
def test_trusted_proxy_count_comes_from_the_environment(module, value, expected):
    env = {
        **{k: v for k, v in os.environ.items() if k != "HUB_TRUSTED_PROXY_COUNT"},
        "DJANGO_SETTINGS_MODULE": f"hub.settings.{module}",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "hub.example.org",
    }
    if value is not None:
        env["HUB_TRUSTED_PROXY_COUNT"] = value
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


# --- Two-step sign-in for everyone who can open the admin --------------------------------


def test_facilitator_without_totp_is_sent_to_set_it_up_before_the_admin(client_for, db):
    facilitator = FacilitatorFactory(email="new.fac@example.org")
    client = client_for(facilitator)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_activate_totp')}?next=/admin/pages/"
    # Setting it up asks for the password again first (allauth), still under /accounts/.
    setup = client.get(response.url, follow=True)
    assert setup.status_code == 200
    assert all(url.startswith("/accounts/") for url, _ in setup.redirect_chain)
    # Not only the admin: their first page after signing in sends them there too.
    assert client.get("/partnerships/").url.startswith(reverse("mfa_activate_totp"))

    TOTP.activate(facilitator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    assert client.get("/admin/").status_code == 200


def test_anyone_given_admin_access_needs_two_steps(client_for, member):
    """Not a list of group names: a group (or person) given access_admin later is covered."""
    editors = Group.objects.create(name="Guest editors")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    member.groups.add(editors)
    response = client_for(member).get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_members_are_not_asked_for_two_steps(client_for, member):
    assert client_for(member).get("/partnerships/").status_code == 200


def test_demo_facilitators_use_the_demo_two_step_code(db):
    from django.core.management import call_command

    from hub.core.demo import seed

    seed(io.StringIO())
    out = io.StringIO()
    call_command("demo_totp_code", stdout=out)
    code = out.getvalue().strip()
    for email in ("facilitator@example.org", "officer2@example.org"):
        authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
        assert TOTP(authenticator).validate_code(code), email


# --- Redirects -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "https:///evil.example"]
)
def test_withdrawing_an_invitation_never_leaves_the_site(
    client_for, officer, partnership, next_url
):
    invitation = services.invite(inviter=officer, email="x@example.org", partnership=partnership)
    client = client_for(officer)
    response = client.post(
        reverse("people:revoke_invitation", args=[invitation.pk]), {"next": next_url}
    )
    assert response.status_code == 302
    assert response.url == reverse("people:invite")
    page = client.get(response.url)
    assert b"The invitation for x@example.org no longer works." in page.content


def test_withdrawing_from_the_partnership_page_goes_back_there(client_for, officer, partnership):
    invitation = services.invite(inviter=officer, email="x@example.org", partnership=partnership)
    members_page = reverse("people:partnership_members", args=[partnership.slug])
    response = client_for(officer).post(
        reverse("people:revoke_invitation", args=[invitation.pk]), {"next": members_page}
    )
    assert response.url == members_page


# --- The admin, for people who are not on the programme team -------------------------------


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/?next=/admin/"])
def test_member_opening_the_admin_gets_one_page_in_the_hubs_layout(client_for, member, path):
    response = client_for(member).get(path, follow=True)
    # /admin/login/ hands over to allauth's sign-in, which sends a signed-in member on.
    assert len(response.redirect_chain) <= 2
    assert response.status_code == 403
    content = response.content.decode()
    assert "<h1>You cannot open this page</h1>" in content
    assert "The admin is for the programme team" in content
    assert '<a class="site-header__brand" href="/">The hub</a>' in content  # the hub's layout
    assert '<a href="/">Go to the home page</a>' in content
    assert "You do not have permission to access the admin" not in content


def test_member_opening_the_admin_is_not_redirected_at_all(client_for, member):
    response = client_for(member).get("/admin/pages/")
    assert response.status_code == 403


def test_other_refusals_use_the_same_page_with_their_reason(client_for, member):
    response = client_for(member).get(reverse("people:invite"))
    assert response.status_code == 403
    assert b"You cannot open this page" in response.content
    assert b"Only partnership leads and programme officers can invite." in response.content


def test_visitors_opening_the_admin_are_still_asked_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_people_waiting_for_approval_get_the_page_too(client_for, db):
    waiting = UserFactory(is_approved=False)
    response = client_for(waiting).get("/admin/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain == []
