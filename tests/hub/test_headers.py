"""Every page says what may run on it (Content-Security-Policy) and personal ones stay private."""

import base64
import hashlib

import pytest

from hub.core.headers import allow_styles_of

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


def test_the_hub_pages_have_a_strict_policy(client_for, member):
    for who, url in [(None, "/"), (None, "/library/"), (member, "/library/"), (member, "/")]:
        response = client_for(who).get(url)
        assert response.status_code == 200
        csp = policy(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"], "no inline script may run on the hub's pages"
        assert csp["style-src"] == ["'self'"]
        assert csp["img-src"] == ["'self'", "data:"]
        assert csp["object-src"] == ["'none'"]
        for name in ("frame-ancestors", "form-action", "base-uri"):
            assert csp[name] == ["'self'"]
        assert csp["frame-src"][0] == "'self'"
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_admin_has_its_own_looser_policy(client_for, facilitator):
    response = client_for(facilitator).get("/admin/")
    assert response.status_code == 200
    assert "Dashboard" in response.content.decode() or "Welcome" in response.content.decode()
    csp = policy(response)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]


def test_signed_in_pages_are_private_and_public_pages_stay_cacheable(client_for, member):
    visitor = client_for(None).get("/library/")
    assert "private" not in visitor.get("Cache-Control", "")
    signed_in = client_for(member).get("/library/")
    assert "Maya Member" in signed_in.content.decode()
    assert "private" in signed_in["Cache-Control"]
    assert "cookie" in signed_in["Vary"].lower()


def test_json_is_private_when_it_depends_on_the_session(client, client_for, member):
    from django.conf import settings
    from django.test import Client

    assert "private" not in Client().get("/healthz/").get("Cache-Control", "")
    api = client_for(member).get("/api/v2/pages/")
    assert api["Content-Type"].startswith("application/json")
    assert "private" in api["Cache-Control"]
    # Signed out but still carrying a session: the answer may depend on it.
    carrying = Client()
    carrying.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    assert "private" in carrying.get("/healthz/")["Cache-Control"]


def test_an_emails_own_styles_are_allowed_by_hash_and_nothing_else(rf):
    from django.http import HttpResponse

    response = allow_styles_of(
        HttpResponse(), '<style>p { color: red; }</style><p style="margin: 0">Hi</p>'
    )
    sources = response._csp_update["style-src"]
    assert sources[0] == "'unsafe-hashes'"
    assert sorted(sources[1:]) == sorted(
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
        for text in ("p { color: red; }", "margin: 0")
    )


def test_pages_keep_the_camera_microphone_location_and_referrer_to_themselves(client):
    response = client.get("/")
    assert response["Referrer-Policy"] == "same-origin"
    allowed = dict(part.strip().split("=") for part in response["Permissions-Policy"].split(","))
    assert allowed == {"camera": "()", "microphone": "()", "geolocation": "()"}


def test_pages_are_gzipped_for_browsers_that_ask_and_files_are_not(client, member):
    import gzip

    from briefings.factories import create_briefing

    briefing = create_briefing(title="Scaling deep, not just wide")
    page = client.get(briefing.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert page["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page["Vary"]
    assert b"Scaling deep, not just wide" in gzip.decompress(page.content)
    # Without asking, the same page comes plain.
    plain = client.get(briefing.url)
    assert not plain.has_header("Content-Encoding")
    assert b"Scaling deep, not just wide" in plain.content


def test_files_that_are_compressed_already_are_not_gzipped_again(rf):
    from django.http import HttpResponse

    from hub.core.headers import CompressTextMiddleware

    def serve(content_type):
        body = b"%PDF-1.7 " + b"the same words again " * 100
        middleware = CompressTextMiddleware(lambda request: HttpResponse(body, content_type))
        return middleware(rf.get("/", HTTP_ACCEPT_ENCODING="gzip"))

    assert not serve("application/pdf").has_header("Content-Encoding")
    assert not serve("image/png").has_header("Content-Encoding")
    assert serve("text/calendar; charset=utf-8")["Content-Encoding"] == "gzip"
    assert serve("application/rss+xml; charset=utf-8")["Content-Encoding"] == "gzip"
