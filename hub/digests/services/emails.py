"""Rendering: a member's digest or an announcement as an email, with its unsubscribe links,
and the preview of a member's next digest."""

import re
import secrets

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from hub.core.links import absolute_url
from hub.core.mail import RenderedEmail, list_unsubscribe_headers, render_email
from hub.digests.models import DigestPreference
from hub.people.models import User

from .compose import Digest, compose, preference_of
from .periods import next_send_day, period_for
from .preferences import unsubscribe_token


def unsubscribe_url(member, delivery=None):
    """The one-click unsubscribe link for this member (naming the delivery it came in).

    Kept on the delivery, since its email's body and its List-Unsubscribe header both need
    it and signing the token is a good part of rendering one email."""
    cached = getattr(delivery, "_unsubscribe_url", None)
    if cached:
        return cached
    url = absolute_url(reverse("digests:unsubscribe", args=[unsubscribe_token(member, delivery)]))
    if delivery is not None:
        delivery._unsubscribe_url = url
    return url


def list_headers(member, delivery=None):
    """Mail apps show their own one-click unsubscribe, straight to this member's link."""
    return list_unsubscribe_headers(unsubscribe_url(member, delivery), one_click=True)


def _section_fragments(section, fragments):
    """The HTML and text of one section, rendered once per batch for everyone who gets the
    very same section (members of one partnership with the same themes, mostly)."""
    key = (
        section.key,
        section.more_url,
        tuple(
            (i.title, i.url, i.meta, i.status, i.action_label, i.action_url) for i in section.items
        ),
    )
    if key not in fragments:
        context = {"section": section}
        fragments[key] = (
            mark_safe(render_to_string("digests/email/section.html", context)),  # noqa: S308 - rendered with autoescape
            render_to_string("digests/email/section.txt", context),
        )
    return fragments[key]


def _links(member, delivery):
    """The links at the foot of every email: unsubscribe, preferences and home."""
    return {
        "member": member,
        "unsubscribe_url": unsubscribe_url(member, delivery) if member is not None else "",
        "preferences_url": absolute_url(reverse("digests:preferences")),
        "home_url": absolute_url("/"),
    }


def _render(digest, period, links, fragments):
    parts = [_section_fragments(section, fragments) for section in digest.sections]
    context = {
        **links,
        "digest": digest,
        "section_htmls": [html for html, _ in parts],
        "section_texts": [text for _, text in parts],
        "period": period,
    }
    return render_email("digests/email/digest", context)


def render_digest(digest, period, delivery=None, fragments=None):
    """Render one member's digest; ``fragments`` is a per-batch cache of rendered sections."""
    fragments = {} if fragments is None else fragments
    return _render(digest, period, _links(digest.member, delivery), fragments)


# Stand-ins for the two things in a digest that are the member's own, their name and their
# unsubscribe link: an email is rendered once with these for everyone in a batch who gets the
# very same sections, then each member's are put in. Random, so no title can hold one.
NAME = f"hub-name-{secrets.token_hex(8)}"
UNSUBSCRIBE = f"https://hub-unsubscribe-{secrets.token_hex(8)}.invalid/"


class _StandIn:
    """The member as the digest's templates see them (only their name)."""

    display_name = NAME


# What signing.dumps gives: reverse() would leave it as it is.
_PLAIN_TOKEN = re.compile(r"[A-Za-z0-9_:\-]+\Z")


def _batch_unsubscribe_url(member, delivery, bodies):
    """``unsubscribe_url(member, delivery)``, with the link's path worked out once a batch."""
    if delivery is None or getattr(delivery, "_unsubscribe_url", None):
        return unsubscribe_url(member, delivery)
    path = bodies.get("unsubscribe_path")
    if path is None:
        path = bodies["unsubscribe_path"] = reverse("digests:unsubscribe", args=["-"])[:-2]
    token = unsubscribe_token(member, delivery)
    if not _PLAIN_TOKEN.match(token):
        return unsubscribe_url(member, delivery)
    delivery._unsubscribe_url = url = absolute_url(f"{path}{token}/")
    return url


def render_for(digest, period, delivery, bodies):
    """What ``render_digest(digest, period, delivery)`` gives, made from ``bodies`` (a
    per-batch cache): the templates are rendered once per distinct list of sections (members
    with the same sections share the objects, see ``Feed.group_key``) and only the member's
    name and unsubscribe link are put in. Returns (rendered email, its shared form)."""
    key = tuple(id(section) for section in digest.sections)
    shared = bodies.get(key)
    if shared is None:
        fragments = bodies.setdefault("fragments", {})
        links = {
            **_links(None, None),
            "member": _StandIn(),
            "unsubscribe_url": UNSUBSCRIBE,
        }
        shared = bodies[key] = _render(
            Digest(member=_StandIn(), sections=digest.sections), period, links, fragments
        )
    name = digest.member.display_name
    url = _batch_unsubscribe_url(digest.member, delivery, bodies)
    html = shared.html
    if html is not None:
        html = html.replace(NAME, conditional_escape(name)).replace(
            UNSUBSCRIBE, conditional_escape(url)
        )
    rendered = RenderedEmail(
        subject=shared.subject,
        text=shared.text.replace(NAME, name).replace(UNSUBSCRIBE, url),
        html=html,
    )
    return rendered, shared


def preview(member, send_day=None):
    """Exactly what ``member`` would get on their next send day: (period, digest, rendered)."""
    member = User.objects.select_related("digest_preference").get(pk=member.pk)
    preference = preference_of(member) or DigestPreference(person=member)
    send_day = send_day or next_send_day(preference)
    frequency = preference.frequency
    if frequency == DigestPreference.Frequency.OFF:
        frequency = DigestPreference.Frequency.WEEKLY
    period = period_for(frequency, send_day)
    digest = compose([member], period)[member.pk]
    rendered = None if digest.is_empty else render_digest(digest, period)
    return period, digest, rendered
