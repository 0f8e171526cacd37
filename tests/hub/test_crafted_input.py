"""Crafted input gets a 400 page in the hub's layout, never a 500: impossible years, NUL bytes
in tokens, in the API's search, in any query, form field or cookie. PostgreSQL refuses NUL
bytes (SQLite does not), so these tests mean most there (CI)."""

import pytest

from briefings.services import ensure_index
from events import services as events
from hub.people.factories import InvitationFactory

pytestmark = pytest.mark.django_db

LAYOUT = "Something in the address is not right"


def _refused(response):
    assert response.status_code == 400
    assert LAYOUT in response.content.decode()
    return True


@pytest.mark.parametrize("year", ["0", "10000", "99999999999999999999", "-1", "1e3"])
def test_an_impossible_year_in_the_briefings_list_is_a_bad_request(client, year):
    ensure_index()
    assert _refused(client.get("/briefings/", {"year": year}))


def test_a_real_year_still_filters_the_briefings_list(client):
    ensure_index()
    assert client.get("/briefings/", {"year": "2026"}).status_code == 200


def test_a_nul_byte_in_a_calendar_token_is_a_bad_request(client, member):
    token = events.calendar_feed_for(member).token
    assert _refused(client.get(f"/events/calendar/{token}%00.ics"))
    # Tokens are matched as slugs: anything else is simply not found.
    assert client.get("/events/calendar/a.b%20c.ics").status_code == 404


def test_a_nul_byte_in_an_invitation_token_is_a_bad_request(client, partnership, lead):
    invitation = InvitationFactory(partnership=partnership, invited_by=lead)
    assert _refused(client.get(f"/invitations/{invitation.token}%00/"))
    assert client.get("/invitations/a.b%20c/").status_code == 404


def test_a_nul_byte_in_the_api_search_is_a_bad_request(client):
    assert _refused(client.get("/api/v2/pages/", {"search": "\x00"}))
    assert client.get("/api/v2/pages/", {"search": "huddle"}).status_code == 200


def test_a_nul_byte_anywhere_in_a_query_form_or_cookie_is_a_bad_request(client_for, member):
    client = client_for(member)
    assert _refused(client.get("/search/", {"q": "a\x00b"}))
    assert _refused(client.get("/search/", {"\x00": "x"}))
    assert _refused(client.post("/questions/ask/", {"title": "Hello\x00"}))
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 400


def _layout(response):
    """What a visitor sees around any page: the header's links, the footer, the skip link."""
    html = response.content.decode()
    header = html.split('<main id="main"')[0].split("<header", 1)[1]
    footer = html.split('<footer class="site-footer">', 1)[1]
    return header.split("<title>")[-1], footer, "Skip to main content" in html


PAGE_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy")


@pytest.mark.parametrize(
    "make_request",
    [
        pytest.param(lambda client: client.get("/search/", {"q": "a\x00b"}), id="nul-in-query"),
        pytest.param(lambda client: client.get("/briefings/", {"year": "0"}), id="impossible-year"),
        pytest.param(lambda client: client.get("/", HTTP_HOST="evil.example"), id="unknown-host"),
    ],
)
def test_a_visitors_400_page_has_the_same_layout_and_headers_as_the_404(client, make_request):
    """Signed out, a refused request looks like any other page of the hub's (as 403 and 404
    do): the same header with "Sign in", the same footer, and the same security headers."""
    ensure_index()
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    refused = make_request(client)
    assert _refused(refused)
    assert _layout(refused) == _layout(not_found)
    header, _, skip_link = _layout(refused)
    assert "Sign in" in header and "Briefings" in header and skip_link
    for name in PAGE_HEADERS:
        assert refused.headers.get(name) == not_found.headers.get(name), name
        assert refused.headers.get(name), name
