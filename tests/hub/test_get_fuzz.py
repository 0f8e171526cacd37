"""No GET parameter makes a page answer 500: every public and member view, with odd values.

The parameter names are found in the code (``request.GET.get("...")``, GET forms' fields), so a
new parameter is fuzzed the day it lands; the pages are every URL pattern that needs no
argument, plus a detail page of each kind the world below has.
"""

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from hub.people.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CODE = [ROOT / "hub", ROOT / "events", ROOT / "briefings", ROOT / "learning_sets"]
ODD_VALUES = ["\x00", "x" * 5000, "not-a-number", "ünïcødé 🦉 ‮", "-1", "9" * 30]
# Not pages a person reads: the admin has its own tests, sign-out changes state.
SKIP_PREFIXES = ("admin/", "accounts/logout/", "documents/", "django-admin")


def parameter_names():
    """Every GET parameter the code reads, by name."""
    names = {"q", "page", "next", "email", "theme", "year", "kind", "status"}
    pattern = re.compile(r"""GET(?:\.get|\.getlist|\[)\(?\s*["']([\w-]+)["']""")
    for folder in CODE:
        for path in folder.rglob("*.py"):
            names.update(pattern.findall(path.read_text()))
    from hub.digests.views import PreviewForm
    from hub.library.forms import LibraryFilterForm
    from hub.questions.forms import QuestionFilterForm

    for form in (LibraryFilterForm, QuestionFilterForm, PreviewForm):
        names.update(form.base_fields)
    return sorted(names)


def plain_paths(resolver=None, prefix=""):
    """Every URL pattern that takes no argument, as a path."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            yield from plain_paths(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            path = "/" + prefix + route
            if not path.lstrip("/").startswith(SKIP_PREFIXES):
                yield path


@pytest.fixture
def world(partnership, member, officer):
    from events.factories import EventPageFactory

    event = EventPageFactory(title="Fuzzy huddle")
    return [
        partnership.get_absolute_url(),
        partnership.get_absolute_url() + "members/",
        f"/people/{member.pk}/",
        event.url,
        "/",
        "/briefings/",
        "/events/",
    ]


def test_no_get_parameter_makes_any_page_answer_500(client, world, member, officer):
    names = parameter_names()
    assert {"q", "page", "theme"} <= set(names)
    paths = sorted(set(plain_paths()) | set(world))
    lead = UserFactory(email="fuzz-lead@example.org")
    MembershipFactory(person=lead, partnership=member.partnerships.get(), role="lead")
    failures = []
    for who in (None, member, officer):
        client.logout()
        if who is not None:
            client.force_login(who)
        for path in paths:
            for value in ODD_VALUES:
                response = client.get(path, dict.fromkeys(names, value))
                if response.status_code >= 500:
                    failures.append(f"{path} as {who or 'visitor'} with {value[:20]!r}")
    assert failures == []


def test_search_with_a_nul_byte_is_a_bad_request_for_visitors(client, db):
    # A NUL byte is never typed by a person: every path refuses it (hub.core.refusals).
    response = client.get("/search/", {"q": "consent\x00"})
    assert response.status_code == 400
    assert "Something in the address is not right" in response.content.decode()
