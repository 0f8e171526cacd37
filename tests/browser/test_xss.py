"""No member's words run as script: a corpus of XSS payloads in every text field a member can
fill, then every page that shows them, in Chromium, as each role that sees them.

Every payload calls ``window.__xss(n)`` (or ``alert``). The contexts ignore the
Content-Security-Policy (``bypass_csp``), so this proves the escaping itself; the policy is
the second wall, tested on its own in test_the_hub_pages_run_under_their_policy."""

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

import pytest

from briefings.factories import create_briefing, simple_body
from briefings.services import ensure_index
from briefings.services import respond as respond_to_briefing
from events import services as events
from events.factories import EventPageFactory, RegistrationFactory
from hub.library import services as library
from hub.library.factories import pdf_upload
from hub.library.models import Resource, Visibility
from hub.moderation.services import report_content
from hub.people.factories import FacilitatorFactory, OfficerFactory, PartnershipFactory, member_of
from hub.questions import services as questions
from learning_sets import services as sets
from learning_sets.factories import make_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each calls window.__xss(n) if it ever runs. Script tags, event handlers, attribute and
# element breakers, javascript: URLs, markdown tricks, template syntax and unicode disguises.
PAYLOADS = [
    "<script>window.__xss(1)</script>",
    "<img src=x onerror=window.__xss(2)>",
    "<svg onload=window.__xss(3)>",
    '"><svg onload=window.__xss(4)>',
    "'><img src=x onerror=window.__xss(5)>",
    "</textarea><img src=x onerror=window.__xss(6)>",
    "</pre><img src=x onerror=window.__xss(7)>",
    "</title></script><script>window.__xss(8)</script>",
    "[click me](javascript:window.__xss(9))",
    '![pic](x" onerror="window.__xss(10))',
    "[x](javascript&#58;window.__xss(11))",
    '<a href="jav&#x09;ascript:window.__xss(12)">link</a>',
    "<iframe src=javascript:window.__xss(13)></iframe>",
    "<details open ontoggle=window.__xss(14)>",
    "<input autofocus onfocus=window.__xss(15)>",
    "{{ 7|add:'<img src=x onerror=window.__xss(16)>' }}{% autoescape off %}{{ x }}",
    "{{constructor.constructor('window.__xss(17)')()}}",
    "&lt;img src=x onerror=window.__xss(18)&gt;",
    # Full-width angle brackets, then a right-to-left override before real markup.
    "\uff1cscript\uff1ewindow.__xss(19)\uff1c/script\uff1e"
    " \u202e<img src=x onerror=window.__xss(19)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss(20)>",
    "<body onload=window.__xss(21)><style>@import 'javascript:window.__xss(21)';</style>",
    "<script>alert(22)</script><img src=x onerror=alert(22)>",
]
EVERYTHING = "\n\n".join(PAYLOADS)


def short(n, limit=120):
    """One payload that fits a short field (names, titles)."""
    return PAYLOADS[n % len(PAYLOADS)][:limit]


def file_name(n):
    # An upload's name has no slashes: keep the payload's shape without them.
    return short(n, 100).replace("/", "") + ".pdf"


@pytest.fixture
def stored(live_server, settings, tmp_path):
    """The payloads, stored through the hub's own services in every member text field."""
    settings.HUB_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LEARNING_SET_FILES_ROOT = tmp_path / "sets"
    partnership = PartnershipFactory(name="Harbourside Families Together")
    member = member_of(
        partnership,
        email="member@example.org",
        display_name=short(0),
        role_in_own_words=short(3),
        bio=EVERYTHING[:1000],
    )
    reporter = member_of(partnership, email="reporter@example.org", display_name=short(1))
    newcomer = member_of(partnership, email="newcomer@example.org", display_name=short(4))
    facilitator = FacilitatorFactory(email="fac@example.org", display_name="Rosa Facilitator")
    officer = OfficerFactory(
        email="officer@example.org", display_name="Olu Officer", is_superuser=True
    )
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(officer, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    TOTP.activate(facilitator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # everyone with the admin

    resource = library.share_resource(
        shared_by=member,
        kind=Resource.Kind.FILE,
        resource_type=Resource.Type.TOOL,
        title=short(5, 200),
        description=EVERYTHING[:3000],
        partnership=partnership,
        visibility=Visibility.PROGRAMME,
        upload=pdf_upload(name=file_name(1)),
    )
    link = library.share_resource(
        shared_by=member,
        kind=Resource.Kind.LINK,
        resource_type=Resource.Type.GUIDE,
        title=short(8, 200),
        description=short(2),
        url="https://example.org/guide",
        partnership=partnership,
        visibility=Visibility.PROGRAMME,
    )
    note = library.add_note(resource, author=member, body=EVERYTHING)
    question = questions.ask_question(author=member, title=short(6, 200), body=EVERYTHING)
    answer = questions.post_answer(question, author=newcomer, body=EVERYTHING)
    report_content(answer, by=reporter, reason=EVERYTHING[:1000])
    report_content(note, by=reporter, reason=short(9))

    ensure_index()
    briefing = create_briefing(title="Parents at the table", body=simple_body())
    prompt_id = briefing.prompts[0][0]
    respond_to_briefing(member, briefing, prompt_id, EVERYTHING)
    idea = events.propose_topic_idea(member, short(7, 200), EVERYTHING[:2000])

    start = timezone.now() - timedelta(hours=3)
    event = EventPageFactory(title="Huddle on early help", start=start)
    RegistrationFactory(event=event, person=member)
    events.submit_feedback(
        event, member, rating=5, valuable=EVERYTHING[:2000], next_wanted=short(10)
    )

    learning_set = make_set(
        name="Parents at the table", facilitators=[facilitator], members=[member]
    )
    session = sets.schedule_session(
        learning_set,
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=2),
        by=facilitator,
    )
    sets.record_issue(
        session,
        presenter=member,
        issue=EVERYTHING[:5000],
        helpful_questions=EVERYTHING[:2000],
        actions=[short(11, 1000), short(2, 1000)],
        by=member,
    )
    sets.post_message(learning_set, author=member, body=EVERYTHING[:5000])
    from django.core.files.uploadedfile import SimpleUploadedFile

    sets.upload_file(
        learning_set,
        uploaded_file=SimpleUploadedFile(file_name(3), pdf_upload().read()),
        title=short(12, 200),
        by=member,
    )
    return {
        "member": member,
        "newcomer": newcomer,
        "facilitator": facilitator,
        "officer": officer,
        "resource": resource,
        "link": link,
        "question": question,
        "briefing": briefing,
        "idea": idea,
        "event": event,
        "set": learning_set,
        "session": session,
        "partnership": partnership,
    }


FIND_LIVE_PAYLOADS = """() => {
  const found = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value;
      if (name.startsWith('on') && /__xss|alert/.test(value)) found.push(el.tagName + ' ' + name);
      const bare = value.replace(/[\\s\\u0000-\\u001f]/g, '');
      const js = urlAttrs.includes(name) && /^javascript:/i.test(bare);
      if (js) found.push(el.tagName + ' ' + name);
    }
    if (el.tagName === 'SCRIPT' && /__xss|alert/.test(el.textContent)) found.push('inline script');
  }
  return found;
}"""


class Role:
    """One browser context signed in as one person (or nobody), recording any script that ran."""

    def __init__(self, browser, base_url, person):
        self.context = browser.new_context(bypass_csp=True, locale="en-GB")
        self.fired, self.missing, self.base_url = [], [], base_url
        self.context.expose_binding(
            "__xss", lambda source, n: self.fired.append((source["frame"].url, n))
        )
        if person is not None:
            client = Client()
            client.force_login(person)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            self.context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
            )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.page.on(
            "dialog",
            lambda dialog: (self.fired.append((self.page.url, dialog.message)), dialog.dismiss()),
        )

    def visit(self, path, expect):
        """Load a page, check it shows the stored words as text and nothing ran."""
        response = self.page.goto(self.base_url + path)
        if response.status != 200:
            self.missing.append(f"{path}: {response.status} at {self.page.url}")
        self.page.wait_for_load_state("load")
        # The words as a person reads them, in the page and in any frame (the digest email).
        text = "\n".join(frame.inner_text("body") for frame in self.page.frames)
        if expect.lower() not in text.lower():
            self.missing.append(f"{path} does not show {expect!r} as text: {text[:3000]!r}")
        for frame in self.page.frames:
            live = frame.evaluate(FIND_LIVE_PAYLOADS)
            assert live == [], f"{path}: live markup from a payload: {live}"
        assert self.fired == [], f"script ran on {path}: {self.fired}"

    def close(self):
        self.context.close()


def test_no_stored_payload_runs_anywhere(browser, live_server, stored):
    s = stored
    member_pages = [
        ("/", "Harbourside"),
        (f"/people/{s['member'].pk}/", PAYLOADS[0]),
        ("/profile/", "a little about you"),
        ("/library/", PAYLOADS[5]),
        (s["resource"].get_absolute_url(), PAYLOADS[1].replace("/", "")[:60]),
        (f"/library/{s['resource'].pk}/edit/", "Choose another file"),
        ("/questions/", PAYLOADS[6]),
        # Markdown fields: the link's words show, its javascript: address must not survive.
        (s["question"].get_absolute_url(), "click me"),
        (f"/questions/{s['question'].pk}/edit/", "Your question"),
        (s["briefing"].url, "click me"),
        ("/events/ideas/", PAYLOADS[7]),
        (f"/events/ideas/{s['idea'].pk}/", PAYLOADS[19][:20]),
        (f"/learning-sets/{s['set'].slug}/space/", "Parents at the table"),
        (f"/learning-sets/{s['set'].slug}/discussion/", PAYLOADS[20][:30]),
        (f"/learning-sets/{s['set'].slug}/sessions/{s['session'].pk}/", PAYLOADS[14]),
        (f"/learning-sets/{s['set'].slug}/timeline/", "Parents at the table"),
        (f"/learning-sets/{s['set'].slug}/files/", PAYLOADS[12][:30]),
        ("/search/?q=script", "Search"),
        ("/digests/preferences/", "digest"),
        (f"/partnerships/{s['partnership'].slug}/", "Harbourside"),
    ]
    officer_pages = [
        (f"/digests/preview/?member={s['member'].email}", PAYLOADS[4]),  # in the email
        ("/moderation/", PAYLOADS[6]),
        (f"/events/{s['event'].pk}/feedback/summary/", PAYLOADS[15][:30]),
        (f"/events/{s['event'].pk}/registrations/", PAYLOADS[0]),
        ("/admin/", "Site summary"),
        ("/admin/snippets/library/resource/", PAYLOADS[5][:30]),
        ("/admin/snippets/library/note/", PAYLOADS[5][:30]),
        ("/admin/users/", PAYLOADS[0][:30]),
        (f"/admin/users/edit/{s['member'].pk}/", PAYLOADS[0]),
    ]
    facilitator_pages = [
        (f"/learning-sets/{s['set'].slug}/manage/", PAYLOADS[0]),
        (f"/learning-sets/{s['set'].slug}/sessions/{s['session'].pk}/", PAYLOADS[14]),
    ]
    for person, pages in [
        (s["member"], member_pages),
        (s["officer"], officer_pages),
        (s["facilitator"], facilitator_pages),
    ]:
        role = Role(browser, live_server.url, person)
        try:
            for path, expect in pages:
                role.visit(path, expect)
            # Each page showed the stored words (so the payloads were really on it).
            assert role.missing == [], "\n".join(role.missing)
        finally:
            role.close()


def test_the_hub_pages_run_under_their_policy(browser, live_server, stored):
    """With the policy on, the hub's own pages (and the admin's) load without a violation."""
    s = stored
    context = browser.new_context(locale="en-GB")
    client = Client()
    client.force_login(s["officer"])
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and violations.append((page.url, message.text))
        ),
    )
    try:
        for path in [
            "/",
            s["question"].get_absolute_url(),
            s["resource"].get_absolute_url(),
            f"/digests/preview/?member={s['member'].email}",
            "/admin/",
            "/admin/snippets/library/resource/",
        ]:
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
        assert page.evaluate("() => typeof window.wagtail") != "undefined"  # admin JS ran
    finally:
        context.close()
    # Only the stored payloads may be refused; nothing the hub itself ships.
    assert [v for v in violations if "__xss" not in v[1]] == []
