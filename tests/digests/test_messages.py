"""A digest's bytes made once per batch (hub.digests.services.messages) are the very message
Django would send each member: same headers, same parts, each encoded as Django would."""

import email
import email.policy
import smtplib
import socket
from email.generator import BytesGenerator
from email.message import Message
from io import BytesIO

from django.core.mail import get_connection
from django.core.mail.message import forbid_multi_line_headers, sanitize_address
from django.utils.html import conditional_escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.core.mail import RenderedEmail, SmtpStage, build_message
from hub.digests.services.emails import NAME, UNSUBSCRIBE
from hub.digests.services.messages import (
    _header_line,
    build_digest_message,
    envelope_address,
    send,
)

URL = "https://hub.example.org/digests/unsubscribe/eyJwIjoxfQ:1vQ:abc-DEF_123/"


def _shared(text_extra="", html_extra="Manage · Unsubscribe"):
    return RenderedEmail(
        subject="Your hub digest: Working with dads, and 4 more",
        text=f"Hello {NAME},\n\nNews{text_extra}\nUnsubscribe: {UNSUBSCRIBE}\n",
        html=f'<h1>Hello {NAME}</h1><p>{html_extra}</p><a href="{UNSUBSCRIBE}">Unsubscribe</a>',
    )


def _rendered(shared, name, url):
    return RenderedEmail(
        subject=shared.subject,
        text=shared.text.replace(NAME, name).replace(UNSUBSCRIBE, url),
        html=shared.html.replace(NAME, conditional_escape(name)).replace(
            UNSUBSCRIBE, conditional_escape(url)
        ),
    )


def _parsed(data):
    message = email.message_from_bytes(data, policy=email.policy.default)
    headers = sorted((k, str(v)) for k, v in message.items() if k not in ("Date", "Content-Type"))
    parts = [
        (part.get_content_type(), part["Content-Transfer-Encoding"], part.get_content())
        for part in message.iter_parts()
    ]
    return message.get_content_type(), headers, parts


def _both(shared, name, to="member@example.org", url=URL, templates=None):
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend")
    rendered = _rendered(shared, name, url)
    headers = {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Message-ID": "<digest-7@hub.example.org>",
    }
    ours = build_digest_message(
        rendered,
        shared,
        to,
        name,
        url,
        headers=headers,
        connection=connection,
        templates={} if templates is None else templates,
    )
    django = build_message(rendered, to, headers=headers)
    return ours.message().as_bytes(linesep="\r\n"), django.message().as_bytes(linesep="\r\n")


@pytest.mark.parametrize(
    "name",
    ["Maya Member", "Zoë Two-Partnerships", "Tess <Twin> & “Co”", "Siân O'Neill"],
)
@pytest.mark.parametrize("text_extra", ["", " from Ynys Môn"])
def test_the_shared_bytes_are_the_message_django_would_send(name, text_extra):
    shared = _shared(text_extra)
    templates = {}
    # Twice from the same template, so the second is made only by putting the member's in.
    for person in (name, f"{name} Junior"):
        ours, django = _both(shared, person, templates=templates)
        assert _parsed(ours) == _parsed(django)
        assert b"\r\nDate: " in ours
        assert all(len(line) <= 998 for line in ours.split(b"\r\n"))
    assert len(templates) == 1


@pytest.mark.parametrize("length", [990, 996])
def test_lines_near_or_past_the_limit_are_encoded_as_django_would(length):
    shared = _shared(text_extra=" " + "x" * length)
    ours, django = _both(shared, "Zoë, whose name is long enough to matter")
    assert _parsed(ours) == _parsed(django)
    assert (b"quoted-printable" in ours) == (b"quoted-printable" in django)


def test_other_backends_get_a_plain_message():
    shared = _shared()
    message = build_digest_message(
        _rendered(shared, "Maya", URL),
        shared,
        "member@example.org",
        "Maya",
        URL,
        headers={"Message-ID": "<x@hub.example.org>"},
        connection=get_connection("django.core.mail.backends.locmem.EmailBackend"),
        templates={},
    )
    assert message.template is None
    assert "Hello Maya," in message.body


@pytest.mark.parametrize(
    "address",
    [
        "member@example.org",
        "first.last+digest@mail.example.co.uk",
        "Someone@Example.ORG",
        "zoë@example.org",
        "member@exämple.org",
        "Named Person <named@example.org>",
        '"quoted"@example.org',
    ],
)
def test_envelope_addresses_are_what_django_would_use(address):
    assert envelope_address(address, "utf-8") == sanitize_address(address, "utf-8")


class _Received:
    """An aiosmtpd handler that keeps each message as the server took it, refuses the
    addresses in ``refuse`` and offers PIPELINING when asked to."""

    def __init__(self, pipelining):
        self.envelopes = []
        self.pipelining = pipelining
        self.refuse = set()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            return [*responses[:-1], "250-PIPELINING", responses[-1]]
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 No such person here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture(params=[False, True], ids=["one command at a time", "pipelining"])
def smtp_server(request):
    """A real SMTP server on 127.0.0.1 (aiosmtpd), and a connection to it: once without and
    once with PIPELINING (RFC 2920), where MAIL, RCPT and DATA go in one write."""
    from aiosmtpd.controller import Controller

    with socket.create_server(("127.0.0.1", 0)) as free:
        port = free.getsockname()[1]
    received = _Received(pipelining=request.param)
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=port
    )
    yield received, connection
    connection.close()
    controller.stop()


def _digest_to(to, connection, stage=None):
    shared = _shared()
    message = build_digest_message(
        _rendered(shared, "Maya", URL),
        shared,
        to,
        "Maya",
        URL,
        headers={"Message-ID": "<digest-5@hub.example.org>"},
        connection=connection,
        templates={},
    )
    return send(message, stage)


def test_a_refused_address_is_refused_as_smtplib_says_and_the_next_email_goes(smtp_server):
    received, connection = smtp_server
    received.refuse = {"gone@example.org"}
    stage = SmtpStage()
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        _digest_to("gone@example.org", connection, stage)
    assert connection.connection.has_extn("pipelining") == received.pipelining
    assert refused.value.recipients == {"gone@example.org": (550, b"No such person here")}
    # Refused before the message: not "may have been sent", and nothing arrived.
    assert not stage.after_data
    assert received.envelopes == []
    stage = SmtpStage()
    assert _digest_to("member@example.org", connection, stage) == 1
    assert stage.after_data
    assert [e.rcpt_tos for e in received.envelopes] == [["member@example.org"]]


@pytest.mark.parametrize("name", ["Maya", ".Maya, who starts a line with a dot"])
def test_lines_starting_with_a_dot_arrive_whole(smtp_server, name):
    # SMTP doubles a line's leading "." on the way and the server takes it off again: done
    # once per batch on the shared bytes (and the usual way for a member whose name would
    # start a line with one), the server must get exactly Django's message.
    received, connection = smtp_server
    shared = RenderedEmail(
        subject="Your hub digest",
        text=f"{NAME}\n.hidden unless stuffed\n..two\nUnsubscribe: {UNSUBSCRIBE}\n",
        html=f'<p>Hi</p>\n.<p>{NAME}</p>\n<a href="{UNSUBSCRIBE}">Unsubscribe</a>',
    )
    headers = {"List-Unsubscribe": f"<{URL}>", "Message-ID": "<digest-8@hub.example.org>"}
    connection.open()
    for person in (name, f"{name} Junior"):
        rendered = _rendered(shared, person, URL)
        ours = build_digest_message(
            rendered,
            shared,
            "member@example.org",
            person,
            URL,
            headers=headers,
            connection=connection,
            templates={},
        )
        send(ours)
        django = build_message(rendered, "member@example.org", headers=headers)
        expected = django.message().as_bytes(linesep="\r\n")
        envelope = received.envelopes[-1]
        assert _parsed(envelope.original_content) == _parsed(expected)
        assert b"\r\n.hidden unless stuffed\r\n..two\r\n" in envelope.original_content
        # The SIZE it announced is the message's own, before stuffing.
        size = len(ours.message().as_bytes(linesep="\r\n"))
        assert envelope.mail_options == [f"SIZE={size}"]


def test_shared_bytes_go_out_as_djangos_backend_would_send_them(smtp_server):
    received, connection = smtp_server
    shared = _shared()
    headers = {"Message-ID": "<digest-9@hub.example.org>"}
    ours = build_digest_message(
        _rendered(shared, "Zoë", URL),
        shared,
        "Zoe@example.org",
        "Zoë",
        URL,
        headers=headers,
        connection=connection,
        templates={},
    )
    send(ours)
    django = build_message(
        _rendered(shared, "Zoë", URL), "Zoe@example.org", headers=headers, connection=connection
    )
    connection._send(django)
    mine, djangos = received.envelopes
    assert (mine.mail_from, mine.rcpt_tos) == (djangos.mail_from, djangos.rcpt_tos)
    assert mine.mail_options == djangos.mail_options  # the same SIZE
    assert _parsed(mine.original_content) == _parsed(djangos.original_content)


def _library_line(name, value):
    """A header as Django's message gets it written: sanitised, then folded by the library."""
    message = Message()
    message[name] = forbid_multi_line_headers(name, value, "utf-8")[1]
    buffer = BytesIO()
    BytesGenerator(buffer, mangle_from_=False).flatten(message, linesep="\r\n")
    return buffer.getvalue().removesuffix(b"\r\n")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("To", "member@example.org"),
        ("To", "Someone@Example.ORG"),
        ("To", "zoë@exämple.org"),
        ("To", "Named Person <named@example.org>"),
        ("Date", "Tue, 01 Dec 2026 21:44:21 -0000"),
        ("Message-ID", "<digest-123@hub.example.org>"),
        ("List-Unsubscribe", f"<{URL}>"),
        ("List-Unsubscribe", f"<{URL}>, <mailto:unsubscribe@hub.example.org?subject=unsubscribe>"),
        ("Message-ID", "<a-name-long-enough-to-be-folded-by-the-mail-library@hub.example.org>"),
    ],
)
def test_the_members_headers_are_written_as_the_mail_library_writes_them(name, value):
    assert _header_line(name, value) == _library_line(name, value)


# The property is what is written, not how fast: a loaded CI worker must not fail it on a
# deadline or on data generation being slow.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["To", "Date", "Message-ID", "List-Unsubscribe"]),
    value=st.one_of(
        st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=90),
        st.emails(),
        st.text(st.characters(min_codepoint=9, max_codepoint=0x17F), min_size=1, max_size=90),
    ),
)
def test_any_header_value_is_written_as_the_mail_library_writes_it(name, value):
    # Values the shortcut writes as they are, and every other kind (spaces, tabs, non-ASCII,
    # too long to fit, not an address), which go the library's way, refusals included.
    def outcome(write):
        try:
            return write(name, value)
        except Exception as error:  # noqa: BLE001 - the same refusal from both
            return type(error)

    assert outcome(_header_line) == outcome(_library_line)
