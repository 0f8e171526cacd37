"""The first hour a newcomer trusts: joining in one page, account emails in the hub's voice,
forms in the GOV.UK pattern, error pages and the pages every public site has."""

import re
from html.parser import HTMLParser

from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from hub.core.mail import render_email
from hub.people.factories import InvitationFactory
from hub.people.models import User

pytestmark = pytest.mark.django_db

STRONG = "a-long-and-unusual-passphrase-42"


class Ids(HTMLParser):
    """Every id on a page, every aria-describedby, the title and what sits inside <main>."""

    def __init__(self):
        super().__init__()
        self.ids, self.described_by, self.title, self._in_title = set(), [], "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described_by.append(attrs["aria-describedby"])
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(response):
    page = Ids()
    page.feed(response.content.decode())
    return page


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def assert_hints_announced(response):
    """Every aria-describedby names ids that are on the page (the hint is <id>_hint)."""
    page = parse(response)
    missing = [i for ids in page.described_by for i in ids.split() if i not in page.ids]
    assert missing == [], f"aria-describedby points at ids that are not on the page: {missing}"
    assert "_helptext" not in response.content.decode()


# Joining in one warm step


def test_an_invitation_is_one_page_then_signed_in_on_the_welcome_page(
    client, lead, partnership, django_capture_on_commit_callbacks
):
    from events.factories import EventPageFactory

    EventPageFactory(title="Fathers and early help")
    invitation = InvitationFactory(
        email="nia@example.org", partnership=partnership, invited_by=lead
    )
    page = client.get(invitation.get_absolute_url(), follow=True)
    text = page.content.decode()
    assert "Join Harbourside Families Together on the hub" in text
    assert "Liam Lead has invited you" in text
    assert "Use at least 10 characters" in text  # the rules up front, in plain words
    assert re.search(r"<legend>How often would you like an email digest", text)
    assert_hints_announced(page)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "nia@example.org",
                "display_name": "Nia New",
                "password1": STRONG,
                "password2": STRONG,
                "digest_frequency": "fortnightly",
            },
        )
    assert response.status_code == 302
    assert response.url == reverse("people:welcome")
    # The invitation proved the address: no "confirm your email" message, no second step.
    assert mail.outbox == []
    person = User.objects.get(email="nia@example.org")
    assert EmailAddress.objects.get(user=person).verified

    welcome = client.get(response.url)
    text = welcome.content.decode()
    assert "Welcome to the hub, Nia New" in text
    assert "Harbourside Families Together" in text
    assert "Fathers and early help" in text
    assert "every two weeks, on Mondays" in text
    assert reverse("help") in text
    assert person.partnerships.filter(pk=partnership.pk).exists()


def test_from_the_invitation_email_to_welcome_is_one_email_two_pages_one_form(
    client, lead, partnership, django_capture_on_commit_callbacks
):
    """The closing count of issue 11, followed as the newcomer meets it: the invitation email,
    its link to one page that asks for everything, then the welcome page, signed in. (It was
    five steps and two emails: sign-up, "check your email", a confirmation email, a confirm
    page, then the sign-in page.)"""
    from hub.people import services

    with django_capture_on_commit_callbacks(execute=True):
        services.invite(inviter=lead, email="nia@example.org", partnership=partnership)
    assert len(mail.outbox) == 1
    invitation_email = mail.outbox[0]
    assert "Harbourside Families Together" in invitation_email.subject + invitation_email.body
    link = re.search(r"http://testserver(/invitations/[^/\s]+/)", invitation_email.body).group(1)

    pages_seen, forms_sent = [], 0

    def see(response):
        assert response.status_code == 200
        assert all("/accounts/login/" not in url for url, _ in response.redirect_chain)
        pages_seen.append(parse(response).title)
        return response

    join = see(client.get(link, follow=True))
    assert "Liam Lead has invited you" in join.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        welcome = client.post(
            reverse("account_signup"),
            {
                "email": "nia@example.org",
                "display_name": "Nia New",
                "password1": STRONG,
                "password2": STRONG,
                "digest_frequency": "weekly",
            },
            follow=True,
        )
    forms_sent += 1
    see(welcome)
    assert welcome.redirect_chain[-1][0] == reverse("people:welcome")
    assert "Welcome to the hub, Nia New" in welcome.content.decode()
    assert welcome.wsgi_request.user.email == "nia@example.org"  # signed in, no sign-in page

    assert (len(mail.outbox), len(pages_seen), forms_sent) == (1, 2, 1), pages_seen
    assert pages_seen[0].startswith("Join the hub")
    assert pages_seen[1].startswith("Welcome")


def test_a_refused_page_is_in_the_hubs_layout_with_a_way_on(client_for, member):
    response = client_for(member).get(reverse("moderation:queue"))
    assert response.status_code == 403
    text = response.content.decode()
    assert "<h1>You cannot open this page</h1>" in text
    assert 'class="site-header"' in text and 'href="/"' in main_of(response)
    assert "403 Forbidden" not in text


def test_sign_up_errors_follow_the_form_pattern(client, partnership):
    invitation = InvitationFactory(email="nia@example.org", partnership=partnership)
    client.get(invitation.get_absolute_url())
    response = client.post(
        reverse("account_signup"),
        {"email": "nia@example.org", "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 200
    page = parse(response)
    assert page.title.strip().startswith("Error: ")
    text = response.content.decode()
    # The radio group's summary link goes to its first option, which is on the page.
    assert 'href="#id_digest_frequency_0"' in text
    assert "id_digest_frequency_0" in page.ids
    assert "Choose how often you would like the digest" in text
    assert "Enter your name, as you would like others to see it." in text
    assert "This field is required." not in text
    assert "novalidate" in text
    assert_hints_announced(response)


def test_a_leads_invite_form_preselects_their_partnership_and_is_honest_about_optional(
    client_for, lead, partnership
):
    page = client_for(lead).get(reverse("people:invite"))
    text = page.content.decode()
    assert re.search(rf'<option value="{partnership.pk}" selected>', text)
    assert "---------" not in text
    label = re.search(r'<label for="id_partnership">(.*?)</label>', text, re.S).group(1)
    assert "optional" not in label

    response = client_for(lead).post(reverse("people:invite"), {"role": "member"})
    assert parse(response).title.strip().startswith("Error: ")
    assert 'href="#id_email"' in response.content.decode()
    assert "Enter their email address." in response.content.decode()
    assert_hints_announced(response)


def test_an_officers_invite_form_has_no_dashes_and_says_when_a_partnership_is_needed(
    client_for, officer
):
    text = client_for(officer).get(reverse("people:invite")).content.decode()
    assert "---------" not in text
    assert "None: they join the programme team" in text
    label = re.search(r'<label for="id_partnership">(.*?)</label>', text, re.S).group(1)
    assert "optional" not in label


def test_success_messages_are_inside_main(client_for, lead):
    response = client_for(lead).post(
        reverse("people:invite"),
        {
            "email": "friend@example.org",
            "role": "member",
            "partnership": lead.partnerships.get().pk,
        },
        follow=True,
    )
    assert "Invitation sent to friend@example.org." in main_of(response)


def test_the_waiting_list_message_is_inside_main(client_for, member, outsider):
    from events import services as event_services
    from events.factories import EventPageFactory

    event = EventPageFactory(title="A full huddle", capacity=1)
    event_services.register(outsider, event)
    response = client_for(member).post(reverse("events:register", args=[event.pk]), follow=True)
    assert "so you are on the waiting list" in main_of(response)


@pytest.mark.parametrize("url_name", ["people:edit_profile", "people:invite"])
def test_hints_are_announced_on_member_forms(client_for, lead, url_name):
    assert_hints_announced(client_for(lead).get(reverse(url_name)))


def test_a_story_consent_review_date_is_an_iso_value():
    from datetime import date

    from hub.library.forms import ConsentForm, ResourceForm

    for form_class in (ConsentForm,):
        html = str(form_class(initial={"review_date": date(2027, 12, 1)})["review_date"])
        assert 'value="2027-12-01"' in html
    field = ResourceForm.base_fields["review_date"]
    assert 'value="2027-12-01"' in field.widget.render("review_date", date(2027, 12, 1))


# Account emails and pages in the hub's voice


def test_password_reset_email_is_the_hubs_with_an_html_part(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": member.email})
    message = mail.outbox[-1]
    assert message.subject == "Set a new password for the hub"
    assert "Hello from The hub" in message.body
    assert "from !" not in message.body and "using !" not in message.body
    html = message.alternatives[0][0]
    assert "Choose a new password" in html and "<a " in html


ACCOUNT_EMAILS = [
    "account/email/email_confirmation",
    "account/email/email_confirmation_signup",
    "account/email/password_reset_key",
    "account/email/password_reset_code",
    "account/email/unknown_account",
    "account/email/account_already_exists",
    "account/email/password_changed",
    "account/email/password_set",
    "account/email/email_changed",
    "account/email/email_deleted",
    "mfa/email/totp_activated",
    "mfa/email/totp_deactivated",
    "mfa/email/recovery_codes_generated",
]


@pytest.mark.parametrize("prefix", ACCOUNT_EMAILS)
def test_every_account_email_has_the_hubs_name_and_both_parts(prefix):
    rendered = render_email(
        prefix,
        {
            "activate_url": "https://hub.example/confirm/x/",
            "password_reset_url": "https://hub.example/reset/x/",
            "timestamp": "1 December 2026",
        },
    )
    assert "The hub" in rendered.text
    assert rendered.html and "The hub" in rendered.html
    assert "Hello from !" not in rendered.text
    assert "two-factor" not in (rendered.text + rendered.subject).lower()
    assert "hub" in rendered.subject.lower()


@pytest.mark.parametrize(
    "url", ["/accounts/password/reset/", "/accounts/login/", "/accounts/signup/"]
)
def test_account_pages_use_the_hubs_words(client, url):
    text = client.get(url).content.decode()
    assert "Reset My Password" not in text
    assert "two-factor" not in text.lower()


def test_the_two_step_page_says_two_step(client, officer):
    client.post(reverse("account_login"), {"login": officer.email, "password": _pw()})
    page = client.get("/accounts/2fa/authenticate/")
    text = page.content.decode()
    assert "<h1>Two-step sign-in</h1>" in text
    assert "two-factor" not in text.lower()
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert parse(response).title.strip().startswith("Error: ")
    assert 'href="#id_code"' in response.content.decode()


def _pw():
    from hub.people.factories import DEMO_PASSWORD

    return DEMO_PASSWORD


# Errors and the pages every public site has


def test_a_missing_page_is_in_the_hubs_layout_with_a_way_on(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "<h1>Page not found</h1>" in text
    assert 'class="site-header"' in text
    assert reverse("search") in main_of(response)


def test_a_server_error_is_in_the_hubs_layout(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert "Sorry, something went wrong" in text and 'href="/"' in text
    assert 'class="site-header"' in text


def test_a_form_sent_without_its_token_gets_a_page_with_a_way_on(db):
    response = Client(enforce_csrf_checks=True).post(
        reverse("account_login"), {"login": "a@example.org", "password": "x"}
    )
    assert response.status_code == 403
    text = response.content.decode()
    assert "Your form could not be sent" in text
    assert 'class="site-header"' in text


@pytest.mark.parametrize(
    "name, heading",
    [
        ("help", "Help and contact"),
        ("community_guidelines", "Community guidelines"),
        ("privacy", "Privacy notice"),
        ("accessibility", "Accessibility statement"),
    ],
)
def test_the_pages_every_public_site_has_are_linked_from_the_footer(client, name, heading):
    home = client.get("/").content.decode()
    footer = home[home.index("<footer") :]
    assert f'href="{reverse(name)}"' in footer
    page = client.get(reverse(name))
    assert page.status_code == 200
    assert f"<h1>{heading}</h1>" in page.content.decode()


def test_the_accessibility_statement_says_what_a_statement_must(client):
    text = client.get(reverse("accessibility")).content.decode()
    for words in ("WCAG 2.2", "How we test it", "not yet right", "Reporting a problem"):
        assert words in text


def test_the_privacy_notice_says_what_why_how_long_rights_and_contact(client):
    text = client.get(reverse("privacy")).content.decode()
    for words in ("What we hold", "Why we hold it", "How long", "Your rights", "Who to contact"):
        assert words in text


# On a phone, and the userbar


def test_the_header_has_a_menu_button_for_phones(client):
    text = client.get("/").content.decode()
    assert 'class="menu-button" aria-expanded="false" aria-controls="site-menu" hidden' in text
    assert 'id="site-menu"' in text
    assert "js/hub.js" in text


def test_the_userbar_is_only_on_wagtail_pages_for_editors(client_for, officer, member):
    from briefings.factories import create_briefing

    editor = client_for(officer)
    briefing = create_briefing(title="Listening first")
    assert "wagtail-userbar" in editor.get(briefing.url).content.decode()  # a Wagtail page
    # An editor's "/" is their My hub (not a Wagtail page), the admin is one link away.
    assert "wagtail-userbar" not in editor.get("/").content.decode()
    assert "wagtail-userbar" not in editor.get(reverse("library:list")).content.decode()
    assert "wagtail-userbar" not in client_for(member).get("/").content.decode()


def test_a_table_that_scrolls_sideways_can_be_reached_by_keyboard(client_for, member, partnership):
    text = client_for(member).get(partnership.get_absolute_url() + "members/").content.decode()
    wrap = re.search(r'<div class="table-wrap"[^>]*>', text).group(0)
    assert 'tabindex="0"' in wrap and 'role="region"' in wrap and "aria-label=" in wrap


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password/reset/"])
def test_account_pages_have_labels_and_no_placeholders(client, path):
    html = client.get(path).content.decode()
    assert "<label" in html
    assert "placeholder=" not in html
