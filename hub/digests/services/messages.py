"""A digest's email as bytes for the SMTP server, made once for everyone in a batch who gets
the very same email: only the recipient's address, the date, the Message-ID, their unsubscribe
link and their name differ, so those are put into the bytes the mail library made once.

Flattening a MIME message (folding its headers, writing its parts) was a fifth of the CPU a
digest cost. The bytes are the same message Django's SMTP backend would send, headers in a
slightly different order; whenever putting the member's parts in could change how a part must
be encoded (a non-ASCII name in a 7-bit part, a line made too long), the member's message is
flattened the usual way instead. tests/digests/test_messages.py holds the two to the same.
"""

import contextlib
import re
import secrets
import smtplib
from email.generator import BytesGenerator
from email.message import Message
from email.utils import formatdate
from functools import lru_cache
from io import BytesIO

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import forbid_multi_line_headers, sanitize_address
from django.utils.html import conditional_escape

from hub.core.mail import RenderedEmail

from .emails import NAME, UNSUBSCRIBE

# RFC 5322's longest line: Django writes a part as quoted-printable beyond it.
LINE_LIMIT = 998
# The headers that are the recipient's own, in the order they are written.
OWN_HEADERS = ("To", "Date", "Message-ID", "List-Unsubscribe")


class _Template:
    """The bytes of one email with stand-ins for the member's parts, split around the place
    where the member's own headers go."""

    def __init__(self, shared, headers, ascii_name):
        tag = secrets.token_hex(6)
        # A stand-in with a non-ASCII letter when the name has one: the part is then 8-bit,
        # as the member's own would be.
        mark = "" if ascii_name else "\u00e9"
        self.names = (f"hub-tn-{tag}{mark}", f"hub-hn-{tag}{mark}")
        self.links = (f"https://hub-tu-{tag}.invalid/", f"https://hub-hu-{tag}.invalid/")
        text = shared.text.replace(NAME, self.names[0]).replace(UNSUBSCRIBE, self.links[0])
        html = (shared.html or "").replace(NAME, self.names[1])
        html = html.replace(UNSUBSCRIBE, self.links[1])
        self.longest = max(
            (len(line.encode()) for line in (text + "\n" + html).splitlines()), default=0
        )
        message = EmailMultiAlternatives(
            subject=shared.subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=["to@hub.invalid"],
            headers={key: value for key, value in headers.items() if key not in OWN_HEADERS},
        )
        if shared.html:
            message.attach_alternative(html, "text/html")
        mime = message.message()
        for name in OWN_HEADERS:
            del mime[name]
        head, self.body = mime.as_bytes(linesep="\r\n").split(b"\r\n\r\n", 1)
        self.head = head + b"\r\n"
        # The same, dot-stuffed for SMTP's DATA once for everyone (see ``send``), and how many
        # bytes that added.
        self.quoted = (_dot_stuffed(self.head), _dot_stuffed(self.body))
        self.stuffed = sum(map(len, self.quoted)) - len(self.head) - len(self.body)
        counts = [self.body.count(s.encode()) for s in (*self.names, *self.links)]
        expected = [text.count(self.names[0]), html.count(self.names[1])]
        expected += [text.count(self.links[0]), html.count(self.links[1])]
        # A stand-in cut by an encoding (quoted-printable) cannot be replaced: not usable.
        self.usable = counts == expected

    def flatten(self, to, headers, name, url, *, stuffed=False):
        """This member's message as bytes, or None if it must be flattened the usual way.

        ``stuffed``: as SMTP's DATA sends it, every line's leading "." doubled, made from the
        template's stuffed bytes; None if the member's parts could start a line with one."""
        if stuffed and (name.startswith(".") or url.startswith(".") or not url.isprintable()):
            return None
        grows = 2 * (len(conditional_escape(name).encode()) + len(conditional_escape(url)))
        if (
            not self.usable
            or "\n" in name
            or "\r" in name
            or not url.isascii()
            or self.longest + grows > LINE_LIMIT
        ):
            return None
        values = {**headers, "To": to, "Date": formatdate(localtime=settings.EMAIL_USE_LOCALTIME)}
        own = b"".join(
            _header_line(header, values[header]) for header in OWN_HEADERS if header in values
        )
        head, body = self.quoted if stuffed else (self.head, self.body)
        body = (
            body.replace(self.names[0].encode(), name.encode())
            .replace(self.names[1].encode(), conditional_escape(name).encode())
            .replace(self.links[0].encode(), url.encode())
            .replace(self.links[1].encode(), conditional_escape(url).encode())
        )
        # The blank line between the headers and the body.
        return head + own + b"\r\n" + body


# A header value the mail library writes out exactly as it is once it fits on one line:
# printable ASCII words with single spaces between them (and, for To, a plain address).
_PLAIN_VALUE = re.compile(r"[!-~]+(?: [!-~]+)*\Z")
# RFC 5322's recommended line length, at which the mail library folds a header (compat32).
FOLD_AT = 78


def _header_line(name, value):
    """One of the member's own headers as the mail library would write it for Django's message:
    ``forbid_multi_line_headers`` (addresses sanitised, non-ASCII encoded, newlines refused)
    then folded at 78 characters. Folding and encoding cost more than the rest of the message,
    so a value that needs neither (almost every one: an address, a date, a Message-ID) is
    written as it is; anything else goes the library's way."""
    if (
        len(name) + 2 + len(value) <= FOLD_AT
        and _PLAIN_VALUE.match(value)
        and (name != "To" or _PLAIN_ADDRESS.match(value))
    ):
        return f"{name}: {value}\r\n".encode("ascii")
    own = Message()
    own[name] = forbid_multi_line_headers(name, value, "utf-8")[1]
    buffer = BytesIO()
    BytesGenerator(buffer, mangle_from_=False).flatten(own, linesep="\r\n")
    # Without the blank line that ends a message's headers.
    return buffer.getvalue().removesuffix(b"\r\n")


class DigestMessage(EmailMultiAlternatives):
    """An EmailMultiAlternatives whose bytes come from a shared :class:`_Template`."""

    template = None
    own = None  # (name, unsubscribe link)

    def message(self):
        if self.template is None:
            return super().message()
        return _Prepared(self)


class _Prepared:
    """What the SMTP backend asks of ``message()``: its bytes. Anything else, and any other
    line ending, is answered by the message Django builds."""

    def __init__(self, message):
        self._message = message

    def _full(self):
        return EmailMultiAlternatives.message(self._message)

    def as_bytes(self, unixfrom=False, linesep="\n"):
        message = self._message
        if linesep == "\r\n" and not unixfrom:
            data = message.template.flatten(
                ", ".join(message.to), message.extra_headers, *message.own
            )
            if data is not None:
                return data
        return self._full().as_bytes(unixfrom=unixfrom, linesep=linesep)

    def __getattr__(self, name):
        return getattr(self._full(), name)


def build_digest_message(rendered, shared, to, name, url, *, headers, connection, templates):
    """The message for one member: ``rendered`` (theirs) and ``shared`` (the batch's render
    with stand-ins); ``templates`` is the batch's cache of :class:`_Template`. Only over an
    SMTP connection are the bytes shared; any other backend gets a plain message."""
    message = DigestMessage(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
        connection=connection,
    )
    if rendered.html:
        message.attach_alternative(rendered.html, "text/html")
    if isinstance(connection, SmtpBackend) and isinstance(shared, RenderedEmail):
        constant = tuple(sorted((k, v) for k, v in headers.items() if k not in OWN_HEADERS))
        key = (id(shared), name.isascii(), constant)
        template = templates.get(key)
        if template is None:
            template = templates[key] = _Template(shared, headers, name.isascii())
        message.template, message.own = template, (name, url)
    return message


# An address Django's sanitize_address gives back as it is (ASCII, no name, a lower-case
# domain): parsing it again for every email cost more than building the message.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+\Z"
)
# The sender is the same for every email: parsed once.
_sender = lru_cache(maxsize=16)(sanitize_address)


def envelope_address(address, encoding):
    """``sanitize_address(address, encoding)``, without parsing a plain address."""
    if _PLAIN_ADDRESS.match(address):
        return address
    return sanitize_address(address, encoding)


def _dot_stuffed(data):
    """``data`` with a second "." before each line's leading one (RFC 5321, 4.5.2), as
    smtplib's ``data`` does to every message: for a digest that pass over the whole message
    was a tenth of the CPU an email cost, so it is done once per template instead."""
    return _LINE_START_DOT.sub(b"..", data)


_LINE_START_DOT = re.compile(rb"(?m)^\.")


def send(message, stage=None):
    """Send ``message`` over its connection. A :class:`DigestMessage` with shared bytes goes
    the way Django's SMTP backend sends one (``send_messages`` then ``_send``), with the
    envelope's addresses worked out as above; anything else is ``message.send()``.
    ``stage`` (an ``hub.core.mail.SmtpStage``) learns when the message is being handed over.
    """
    if message.template is None:
        return message.send()
    connection = message.connection
    if connection.connection is None:
        connection.open()
    encoding = message.encoding or settings.DEFAULT_CHARSET
    sender = _sender(message.from_email, encoding)
    recipients = [envelope_address(address, encoding) for address in message.recipients()]
    stuffed = message.template.flatten(
        ", ".join(message.to), message.extra_headers, *message.own, stuffed=True
    )
    if stuffed is None:
        connection.connection.sendmail(
            sender, recipients, message.message().as_bytes(linesep="\r\n")
        )
    else:
        size = len(stuffed) - message.template.stuffed
        _send_stuffed(connection.connection, sender, recipients, stuffed, size, stage)
    return 1


def _send_stuffed(smtp, sender, recipients, data, size, stage):
    """``smtp.sendmail(sender, recipients, message)`` for a message already dot-stuffed
    (``data``; ``size``: its length before): the same commands, answers and exceptions as
    smtplib's, with only the DATA step taking the bytes as they are. To a server that offers
    PIPELINING (RFC 2920: Postfix, Exim and the big senders all do) MAIL, RCPT and DATA go in
    one write and their answers come back together: one round trip for the three, not three."""
    smtp.ehlo_or_helo_if_needed()
    options = [f"size={size}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    if smtp.has_extn("pipelining"):
        _pipelined_envelope(smtp, sender, recipients, options)
        # Only now, with DATA's go-ahead, can the server come to take the email: a refusal
        # or a lost connection before it is a plain failure, tried again.
        _mark_data(stage)
    else:
        _envelope(smtp, sender, recipients, options)
        _mark_data(stage)
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    smtp.send(data + b".\r\n")
    code, reply = smtp.getreply()
    if code != 250:
        _abandon(smtp, code)
        raise smtplib.SMTPDataError(code, reply)


def _mark_data(stage):
    """From DATA on the server may take the email (as hub.core.mail.tracking_smtp marks
    smtplib's data())."""
    if stage is not None:
        stage.after_data = True


def _envelope(smtp, sender, recipients, options):
    """MAIL and RCPT one at a time, as smtplib's sendmail."""
    code, reply = smtp.mail(sender, options)
    if code != 250:
        _abandon(smtp, code)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused = {}
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, reply)
        if code == 421:
            smtp.close()
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(recipients):
        _abandon(smtp, None)
        raise smtplib.SMTPRecipientsRefused(refused)


def _pipelined_envelope(smtp, sender, recipients, options):
    """MAIL, each RCPT and DATA written at once, then their answers read in order: the same
    exceptions as :func:`_envelope` and smtplib's data(). When the server took DATA although
    the envelope was refused, the empty message is ended at once, so it delivers nothing."""
    commands = [f"mail FROM:{smtplib.quoteaddr(sender)}{''.join(' ' + o for o in options)}"]
    commands += [f"rcpt TO:{smtplib.quoteaddr(recipient)}" for recipient in recipients]
    commands.append("data")
    if any("\r" in command or "\n" in command for command in commands):
        raise ValueError("command and arguments contain prohibited newline characters")
    smtp.send("".join(f"{command}\r\n" for command in commands))
    mail = smtp.getreply()
    if mail[0] == 421:
        smtp.close()
        raise smtplib.SMTPSenderRefused(*mail, sender)
    refused = {}
    for recipient in recipients:
        code, reply = smtp.getreply()
        if code not in (250, 251):
            refused[recipient] = (code, reply)
        if code == 421:
            smtp.close()
            raise smtplib.SMTPRecipientsRefused(refused)
    code, reply = smtp.getreply()
    if code == 421:
        smtp.close()
        raise smtplib.SMTPDataError(code, reply)
    envelope_refused = mail[0] != 250 or len(refused) == len(recipients)
    if code == 354 and envelope_refused:
        smtp.send(b".\r\n")
        smtp.getreply()
    if mail[0] != 250:
        _abandon(smtp, mail[0])
        raise smtplib.SMTPSenderRefused(*mail, sender)
    if len(refused) == len(recipients):
        _abandon(smtp, None)
        raise smtplib.SMTPRecipientsRefused(refused)
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)


def _abandon(smtp, code):
    """What smtplib does with a refused transaction: hang up on a 421, else RSET."""
    if code == 421:
        smtp.close()
    else:
        with contextlib.suppress(smtplib.SMTPServerDisconnected):
            smtp.rset()
