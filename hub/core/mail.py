"""The one email pipeline.

Every email the hub sends (invitations, account emails, confirmations, reminders, notices,
digests) is a template trio rendered here::

    <prefix>_subject.txt   one line
    <prefix>_message.txt   the plain-text part
    <prefix>_message.html  the HTML part (optional)

``send_email`` renders in the caller (so the context may hold model instances) and writes the
email to the outbox (``hub.core.models.OutgoingEmail``) in the caller's transaction: the email
exists exactly when the change it tells someone about was committed. It is sent at least once:

- at once, by a Celery task queued when the transaction commits (the fast path). If the
  broker cannot be reached the failure is logged and the request carries on;
- otherwise by the one due-work beat task (``hub.core.tasks.run_due_work``), which claims
  waiting rows every minute and, once a claim is stale (a worker killed mid-send), again.

Every email carries a Message-ID on the hub's own domain, fixed when its row is written, so a
copy sent again is recognisably the same email. Bulk senders (digests) use ``render_email``
and ``build_message`` and send over one connection themselves.
"""

import base64
import contextlib
import logging
import smtplib
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from celery.exceptions import SoftTimeLimitExceeded

from hub.core.links import absolute_url

logger = logging.getLogger(__name__)

# A row whose sending failed this many times is given up on (about an hour of retries, one
# per stale time); an address the server refuses outright is given up on at once.
MAX_ATTEMPTS = 10


@dataclass
class RenderedEmail:
    subject: str
    text: str
    html: str | None


def email_context(context=None):
    """Every email template can build absolute links from ``base_url``."""
    return {"base_url": settings.HUB_BASE_URL, "site_name": "The hub", **(context or {})}


def render_email(prefix, context=None):
    """Render the subject, plain text and (if present) HTML of one email."""
    ctx = email_context(context)
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", ctx).split())
    text = render_to_string(f"{prefix}_message.txt", ctx)
    try:
        html = render_to_string(f"{prefix}_message.html", ctx)
    except TemplateDoesNotExist:
        html = None
    return RenderedEmail(subject=subject, text=text, html=html)


def build_message(rendered, to, *, headers=None, attachments=None, connection=None):
    """An EmailMultiAlternatives for one recipient. ``attachments``: (name, bytes, mimetype)."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to] if isinstance(to, str) else list(to),
        headers=headers or {},
        connection=connection,
    )
    if rendered.html:
        message.attach_alternative(rendered.html, "text/html")
    for name, content, mimetype in attachments or ():
        message.attach(name, content, mimetype)
    return message


def list_unsubscribe_headers(url, *, one_click=False):
    """RFC 2369's List-Unsubscribe, so mail apps show their own "unsubscribe": ``url`` (made
    absolute), and the ``HUB_UNSUBSCRIBE_MAILTO`` address when set. ``one_click`` adds RFC
    8058's header for a link that unsubscribes on a POST with no page in between."""
    mailto = getattr(settings, "HUB_UNSUBSCRIBE_MAILTO", "")
    value = f"<{absolute_url(url)}>" + (
        f", <mailto:{mailto}?subject=unsubscribe>" if mailto else ""
    )
    headers = {"List-Unsubscribe": value}
    if one_click:
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def message_id(local=None):
    """A Message-ID on the hub's own domain (the host of HUB_BASE_URL): the one scheme.

    ``local`` names the email for good (a digest delivery's ``digest-<id>``), so every copy
    of it has the same Message-ID; without it a new outbox id is made.
    """
    domain = urlsplit(settings.HUB_BASE_URL).hostname or "localhost"
    return f"<{local or f'outbox-{uuid.uuid4().hex}'}@{domain}>"


class SmtpStage:
    """Where one send over an SMTP connection got to: ``after_data`` once the message itself
    was being handed over. A failure after that, without the server's refusal, means the
    server may have taken the email: sending it again could make a second copy."""

    def __init__(self):
        self.after_data = False


@contextmanager
def tracking_smtp(connection):
    """Watch one send over ``connection`` (an open Django SMTP backend; any other backend,
    such as the tests' locmem one, is left alone). Yields an :class:`SmtpStage`."""
    stage = SmtpStage()
    smtp = getattr(connection, "connection", None)
    if not isinstance(smtp, smtplib.SMTP):
        yield stage
        return
    original = smtp.data

    def data(msg):
        stage.after_data = True
        return original(msg)

    smtp.data = data
    try:
        yield stage
    finally:
        del smtp.data


def send_email(prefix, to, context=None, *, headers=None, attachments=None):
    """Render now and put the email in the outbox in the caller's transaction; it is sent once
    the transaction commits (or, failing that, by the due-work sweep). Returns the rendering.

    ``attachments``: (name, bytes or str, MIME type) triples, such as a calendar file.
    """
    from hub.core.models import OutgoingEmail

    rendered = render_email(prefix, context)
    email = OutgoingEmail.objects.create(
        message_id=message_id(),
        to=[to] if isinstance(to, str) else list(to),
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html or "",
        headers=dict(headers or {}),
        attachments=[
            (
                name,
                base64.b64encode(
                    content if isinstance(content, bytes) else content.encode()
                ).decode("ascii"),
                mimetype,
            )
            for name, content, mimetype in attachments or ()
        ],
    )
    transaction.on_commit(partial(_queue, email.pk))
    return rendered


def _queue(pk):
    """The fast path: ask a worker to send this email now. Never fails the caller."""
    from hub.core.tasks import send_outgoing_email

    try:
        # No publish retries: the row is safe, and beat sends it within a minute or two.
        send_outgoing_email.apply_async((pk,), retry=False)
    except Exception:  # the broker is down, or (tasks run eagerly) the send failed
        logger.exception("Outgoing email %s was not sent now; the due-work sweep sends it", pk)


def as_message(email, connection=None):
    """The EmailMultiAlternatives for one outbox row, with its own Message-ID."""
    return build_message(
        RenderedEmail(subject=email.subject, text=email.text, html=email.html or None),
        email.to,
        headers={**email.headers, "Message-ID": email.message_id},
        attachments=[(n, base64.b64decode(c), m) for n, c, m in email.attachments],
        connection=connection,
    )


def send_outbox(emails, *, now=None, limit=None):
    """Claim the waiting rows among ``emails`` (a queryset) and send them; returns how many
    went. A row another worker holds is left to it."""
    now = now or timezone.now()
    token, rows = emails.claim(now, limit)
    return send_claimed_emails(rows, token=token, now=now)


def send_claimed_emails(emails, *, token, now):
    """Send claimed outbox rows over one connection and mark each done as it goes.

    A row that fails keeps its claim and its error, so it is tried again once the claim is
    stale; after ``MAX_ATTEMPTS`` (or at once if every address is refused) it is settled
    without ``sent_at``. A row the server stopped answering for after it was handed the
    message (after DATA) may have been sent: it is settled as ``may_have_been_sent`` and never
    sent again, as a digest's "unknown". If the mail server cannot be reached at all the error
    is raised and every row waits for the next try. Before the task's time limit the unsent
    rows are given back, to be claimed again at once.
    """
    from hub.core.models import OutgoingEmail

    emails = list(emails)
    if not emails:
        return 0
    sent = 0
    connection = get_connection()
    connection.open()
    try:
        for position, email in enumerate(emails):
            mine = OutgoingEmail.objects.filter(pk=email.pk)
            with tracking_smtp(connection) as stage:
                try:
                    as_message(email, connection).send()
                except SoftTimeLimitExceeded:
                    # This one may have gone: settled as unknown once the server had the
                    # message, else it keeps its claim. The rest are free again now.
                    if stage.after_data:
                        _record_unknown(mine, email, token, "Stopped by the time limit")
                    rest = [e.pk for e in emails[position + 1 :]]
                    OutgoingEmail.objects.filter(pk__in=rest).release(token)
                    raise
                except smtplib.SMTPResponseException as error:
                    # The server answered no (even to the message itself): it did not take it.
                    _record_failure(mine, email, token, error)
                    continue
                except Exception as error:
                    if stage.after_data:
                        # Handed over, then no answer: sending again could make a second copy.
                        _record_unknown(mine, email, token, repr(error))
                        _reopen(connection)
                    else:
                        _record_failure(mine, email, token, error)
                    continue
            sent += mine.mark_done(token, timezone.now(), sent_at=timezone.now(), error="")
    finally:
        try:
            connection.close()
        except Exception as error:  # noqa: BLE001 - every email is recorded already
            logger.warning("Could not close the SMTP connection: %r", error)
    return sent


def _record_failure(mine, email, token, error):
    """Not sent: tried again once the claim is stale, or given up on (see above)."""
    refused = isinstance(error, smtplib.SMTPRecipientsRefused)
    if refused or email.attempts >= MAX_ATTEMPTS:
        mine.mark_done(token, timezone.now(), error=repr(error)[:1000])
        logger.error("Gave up on outgoing email %s: %r", email.pk, error)
    else:
        mine.filter(claim_token=token).update(error=repr(error)[:1000])
        logger.warning("Outgoing email %s failed, tried again later: %r", email.pk, error)


def _record_unknown(mine, email, token, error):
    """The server may have taken this email: settled as "may have been sent", never resent."""
    logger.warning("Outgoing email %s may have been sent: %s", email.pk, error)
    mine.mark_done(
        token,
        timezone.now(),
        may_have_been_sent=True,
        error=f"The mail server stopped answering after taking the email: {error}"[:1000],
    )


def _reopen(connection):
    """A fresh SMTP connection after one left in an unknown state (no QUIT on the old one)."""
    smtp = getattr(connection, "connection", None)
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()
        connection.connection = None
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - the next send fails and records it
        logger.warning("Could not reopen the SMTP connection: %s", error)


def send_due_emails(emails, *, token, now):
    """The outbox's due-work handler (beat): send the claimed rows, then forget the ones
    settled longer ago than HUB_OUTBOX_KEEP_DAYS (emails hold personal details)."""
    from hub.core.models import OutgoingEmail

    sent = send_claimed_emails(emails, token=token, now=now)
    old = OutgoingEmail.objects.filter(
        done_at__lt=now - timedelta(days=settings.HUB_OUTBOX_KEEP_DAYS)
    ).values_list("pk", flat=True)
    OutgoingEmail.objects.filter(pk__in=list(old[:1000])).delete()
    return sent
