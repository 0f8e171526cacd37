"""The one email pipeline.

Every email the hub sends (invitations, account emails, confirmations, reminders, notices,
digests) is a template trio rendered here::

    <prefix>_subject.txt   one line
    <prefix>_message.txt   the plain-text part
    <prefix>_message.html  the HTML part (optional)

``send_email`` renders in the caller (so the context may hold model instances) and queues the
delivery as a Celery task once the surrounding transaction commits. Bulk senders (digests)
use ``render_email`` and ``build_message`` and send over one connection themselves.
"""

import base64
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string


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


def send_email(prefix, to, context=None, *, headers=None, attachments=None):
    """Render now; deliver from a Celery task after the current transaction commits."""
    from hub.core.tasks import deliver_email

    rendered = render_email(prefix, context)
    deliver_email.delay_on_commit(
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        to=[to] if isinstance(to, str) else list(to),
        headers=headers or {},
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
    return rendered
