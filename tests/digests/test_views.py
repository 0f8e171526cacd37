"""Preferences, unsubscribing, and the officers' preview, run report and announcements."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse

import pytest
import time_machine

from hub.digests import services
from hub.digests.models import DigestPreference, DigestRun
from hub.people.factories import UserFactory, member_of
from hub.people.forms import SignupExtraForm

from .conftest import SEND_TIME

pytestmark = pytest.mark.django_db


# --- Choosing --------------------------------------------------------------------------------


def test_sign_up_offers_weekly_preselected_and_records_the_choice_as_consent(rf):
    form = SignupExtraForm(data={"display_name": "Pat Parent", "digest_frequency": "fortnightly"})
    assert SignupExtraForm().fields["digest_frequency"].initial == "weekly"
    assert form.is_valid(), form.errors
    person = UserFactory(email="pat@example.org")
    form.signup(rf.get("/"), person)
    preference = DigestPreference.objects.get(person=person)
    assert (preference.frequency, preference.day_of_week) == ("fortnightly", 0)
    assert preference.consent_recorded_at is not None
    assert "every two weeks, on Mondays" in preference.consent_wording


def test_a_member_chooses_frequency_day_and_sections(member, client_for):
    client = client_for(member)
    page = client.get(reverse("digests:preferences"))
    assert b"You have not chosen yet" in page.content
    response = client.post(
        reverse("digests:preferences"), {"frequency": "monthly", "day_of_week": "3"}
    )
    assert response.status_code == 302
    preference = DigestPreference.objects.get(person=member)
    assert (preference.frequency, preference.day_of_week) == ("monthly", 3)
    # Nothing ticked: every section a member (not a lead) may choose is switched off.
    assert "new_people" in preference.skipped_sections
    assert "briefings" in preference.skipped_sections
    assert "partnership" not in preference.skipped_sections
    assert "once a month, on Thursdays" in preference.consent_wording
    page = client.get(reverse("digests:preferences"))
    assert b"once a month" in page.content


def test_a_bad_choice_re_renders_with_an_error_summary(member, client_for):
    response = client_for(member).post(
        reverse("digests:preferences"), {"frequency": "hourly", "day_of_week": "9"}
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not DigestPreference.objects.exists()


def test_preferences_need_a_signed_in_approved_member(client_for):
    response = client_for(None).get(reverse("digests:preferences"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    waiting = UserFactory(is_approved=False)
    assert client_for(waiting).get(reverse("digests:preferences")).status_code == 403


# --- Unsubscribing ---------------------------------------------------------------------------


@pytest.fixture
def sent(member, newcomer, subscribe, run_weekly):
    subscribe(member)
    run = run_weekly()
    return run.deliveries.get(), mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")


def test_the_unsubscribe_link_works_signed_out(sent, client_for, member):
    delivery, url = sent
    client = client_for(None)
    page = client.get(url)
    assert page.status_code == 200 and b"Stop the hub" in page.content
    # The shared confirm pattern: a danger button and a way back that keeps things as they are.
    assert b'class="button button--danger">Unsubscribe</button>' in page.content
    assert b">Keep getting the emails</a>" in page.content
    # Opening the link (as a mail scanner would) changes nothing...
    assert DigestPreference.objects.get(person=member).frequency == "weekly"
    # ...pressing the button does, with no session and no CSRF token.
    client = client_for(None)
    client.handler.enforce_csrf_checks = True
    page = client.post(url)
    assert page.status_code == 200 and b"You are unsubscribed" in page.content
    preference = DigestPreference.objects.get(person=member)
    assert preference.frequency == "off" and preference.unsubscribed_at
    delivery.refresh_from_db()
    assert delivery.unsubscribed_at


def test_one_click_unsubscribe_from_a_mail_app(sent, client, member):
    _, url = sent
    client.handler.enforce_csrf_checks = True
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert DigestPreference.objects.get(person=member).frequency == "off"


def test_a_tampered_unsubscribe_link_is_rejected(sent, client, member, outsider):
    _, url = sent
    token = url.rstrip("/").rsplit("/", 1)[-1]
    forged = services.unsubscribe_token(outsider)[:-3] + token[-3:]
    for bad in (token[:-2] + "xx", forged, "not-a-token"):
        response = client.post(reverse("digests:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert b"This unsubscribe link does not work" in response.content
    assert DigestPreference.objects.get(person=member).frequency == "weekly"


def test_the_run_report_counts_unsubscribes(sent, client, officer, client_for):
    delivery, url = sent
    client.post(url)
    page = client_for(officer).get(reverse("digests:runs"))
    assert page.status_code == 200
    run = services.run_report(DigestRun.objects.all()).get()
    assert (run.sent, run.skipped, run.failed, run.unsubscribes) == (1, 0, 0, 1)


# --- Officers only ---------------------------------------------------------------------------


OFFICER_PAGES = ["digests:preview", "digests:runs"]


@pytest.mark.parametrize("name", OFFICER_PAGES)
def test_officer_pages_refuse_everyone_else(name, client_for, member, lead, facilitator):
    url = reverse(name)
    assert client_for(None).get(url).status_code == 302
    for person in (member, lead, facilitator):
        assert client_for(person).get(url).status_code == 403


def test_an_officer_previews_exactly_what_a_member_would_get(
    member, newcomer, subscribe, client_for, officer, outsider
):
    subscribe(member)
    subscribe(outsider)
    # On Sunday, the next digest is Monday's: the week the newcomer joined.
    with time_machine.travel(SEND_TIME - timedelta(days=1), tick=False):
        page = client_for(officer).get(reverse("digests:preview"), {"member": member.email})
        assert page.status_code == 200
        assert b"Your hub digest: Nia Newcomer" in page.content
        assert b"Nia Newcomer" in page.content
        page = client_for(officer).get(reverse("digests:preview"), {"member": outsider.email})
        assert b"Nia Newcomer" not in page.content
        assert b"they would get no email" in page.content
        page = client_for(officer).get(reverse("digests:preview"), {"member": "nobody@example.org"})
        assert b"Nobody on the hub has that email address" in page.content
    assert mail.outbox == []


def test_the_preview_escapes_members_words_and_shows_the_email(
    member, partnership, subscribe, client_for, officer
):
    from html.parser import HTMLParser

    from hub.people.factories import MembershipFactory
    from tests.digests.conftest import IN_PERIOD

    payload = "<script>window.__xss(1)</script>"
    newcomer = UserFactory(email="sly@example.org", display_name=f'Sly "{payload}')
    MembershipFactory(person=newcomer, partnership=partnership, joined_at=IN_PERIOD)
    subscribe(member)

    class Frames(HTMLParser):
        srcdoc = sandbox = None

        def handle_starttag(self, tag, attrs):
            if tag == "iframe":
                self.srcdoc, self.sandbox = dict(attrs).get("srcdoc"), dict(attrs).get("sandbox")

    with time_machine.travel(SEND_TIME - timedelta(days=1), tick=False):
        page = client_for(officer).get(reverse("digests:preview"), {"member": member.email})
    html = page.content.decode()
    assert payload not in html
    assert "&lt;script&gt;window.__xss(1)&lt;/script&gt;" in html  # the plain-text version
    frames = Frames()
    frames.feed(html)
    # The iframe holds the whole email (no longer cut short at the first quote) ...
    assert frames.srcdoc.startswith("<!doctype html>")
    assert frames.srcdoc.rstrip().endswith("</html>")
    assert "Your hub digest" in frames.srcdoc and "Sly &quot;" in frames.srcdoc
    # ... in which the name is still text, not markup, and no script may run.
    assert payload not in frames.srcdoc
    assert "&lt;script&gt;window.__xss(1)&lt;/script&gt;" in frames.srcdoc
    assert frames.sandbox is not None and "allow-scripts" not in frames.sandbox
    # The email's own styles are let in by hash; the page still runs no inline script.
    assert "'sha256-" in page["Content-Security-Policy"]
    assert "script-src 'self';" in page["Content-Security-Policy"] + ";"


def test_the_old_announcement_address_leads_to_the_one_way_to_announce(client_for, officer):
    response = client_for(officer).get(reverse("digests:new_announcement"), follow=True)
    assert response.redirect_chain[-1][0] == "/notifications/announce/"
    assert b"<h1>Send an announcement</h1>" in response.content
    runs = client_for(officer).get(reverse("digests:runs")).content.decode()
    assert 'href="/notifications/announce/"' in runs


def test_an_officers_announcement_is_in_the_next_digest_for_you_once(
    client_for,
    officer,
    member,
    outsider,
    subscribe,
    partnership,
    run_weekly,
    django_capture_on_commit_callbacks,
):
    """One way to announce: a notification to its audience, which (unread, by default)
    is in the next digest's "For you" and in no digest after it."""
    import time_machine as tm

    from .conftest import IN_PERIOD, SEND_DAY

    subscribe(member)
    subscribe(outsider)
    unsubscribed = member_of(partnership, email="quiet@example.org")
    subscribe(unsubscribed, frequency="off")
    with tm.travel(IN_PERIOD, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            "/notifications/announce/",
            {
                "title": "Save the date: our learning gathering",
                "body": "We meet in Leeds on 12 March.",
                "audience": "partnership",
                "partnership": partnership.pk,
            },
        )
    assert response.status_code == 302
    mail.outbox.clear()
    with tm.travel(SEND_TIME, tick=False):
        run_weekly()
    to_member = [m for m in mail.outbox if m.to == ["member@example.org"]]
    assert len(to_member) == 1
    assert "Announcement: Save the date: our learning gathering" in to_member[0].body
    assert to_member[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Not to another partnership, nor to someone who switched the digest off.
    assert not any("Save the date" in m.body for m in mail.outbox if m.to != ["member@example.org"])
    # The week after, it is not told again.
    mail.outbox.clear()
    with tm.travel(SEND_TIME + timedelta(days=7), tick=False):
        run_weekly(SEND_DAY + timedelta(days=7))
    assert not any("Save the date" in m.body for m in mail.outbox)
