"""A personal calendar feed's address is a bearer secret: never written to the logs (Django's
request log, gunicorn's access log), never shown to anyone else, and its owner can reset it
(tests/events/test_calendars.py)."""

import io
import logging
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from gunicorn.config import Config

from events import services as events
from hub.core.logs import GunicornLogger, RedactSecretsFilter, redact

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_secret_paths_are_redacted_and_others_left_alone():
    assert (
        redact("Not Found: /events/calendar/Ab-c_9.ics")
        == "Not Found: /events/calendar/[secret].ics"
    )
    assert (
        redact('"GET /invitations/xyz123/ HTTP/1.1" 410')
        == '"GET /invitations/[secret]/ HTTP/1.1" 410'
    )
    assert redact("/digests/unsubscribe/eyJw:1abc:def/") == "/digests/unsubscribe/[secret]/"
    assert redact("/events/calendar/public.ics") == "/events/calendar/public.ics"
    assert redact("/events/calendar/") == "/events/calendar/"


@pytest.fixture
def console_log():
    """What the hub's console log handler (the one production writes) writes, as text."""
    (handler,) = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactSecretsFilter) for f in h.filters)
    ]
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


def test_django_s_request_log_never_has_a_calendar_token(client, client_for, member, console_log):
    old = events.calendar_feed_for(member)
    old_token = old.token
    client_for(member).post("/events/calendar/")  # reset: the old address is now a 404
    client.logout()
    assert client.get(f"/events/calendar/{old_token}.ics").status_code == 404
    assert client.get(f"/events/calendar/{old_token}%00.ics").status_code == 400
    text = console_log.getvalue()
    assert "/events/calendar/[secret].ics" in text
    assert old_token not in text


def test_gunicorn_s_access_log_never_has_a_calendar_token(member):
    token = events.calendar_feed_for(member).token
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/events/calendar/{token}.ics",
        "PATH_INFO": f"/events/calendar/{token}.ics",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    logger = GunicornLogger(Config())
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, timedelta(seconds=0.01))
    line = logger.cfg.access_log_format % atoms
    assert token not in line and "/events/calendar/[secret].ics" in line
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert "--logger-class hub.core.logs.GunicornLogger" in compose["services"]["web"]["command"]


def test_nobody_else_sees_a_person_s_calendar_address(client_for, member, outsider, lead):
    token = events.calendar_feed_for(member).token
    for other in (outsider, lead):
        page = client_for(other).get("/events/calendar/")
        assert page.status_code == 200
        assert token not in page.content.decode()
    assert token in client_for(member).get("/events/calendar/").content.decode()
