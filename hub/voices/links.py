"""Signed, expiring check-back links for people without an account (often a parent).

The link carries the voice's id and its current ``link_key``, signed with a timestamp: it
needs no account, stops working after ``LINK_DAYS`` days, and stops working at once when the
team sends a fresh link (a new key). A changed character anywhere makes it a different,
unsigned value, which is refused.
"""

import secrets
from datetime import timedelta

from django.core import signing
from django.urls import reverse

from hub.core.links import absolute_url

LINK_DAYS = 30
SALT = "hub.voices.check-back"


class LinkRefused(Exception):
    """The link was changed, is too old, or has been replaced by a newer one."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "tampered", "expired" or "replaced"


def _signer():
    return signing.TimestampSigner(salt=SALT)


def new_key():
    return secrets.token_urlsafe(16)


def token_for(voice):
    return _signer().sign(f"{voice.pk}.{voice.link_key}")


def link_for(voice):
    """The full address the person opens to check their words."""
    return absolute_url(reverse("voices:check_by_link", args=[token_for(voice)]))


def read(token, voices):
    """The voice this token opens (from the queryset ``voices``), or :class:`LinkRefused`."""
    try:
        value = _signer().unsign(token, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired as error:
        raise LinkRefused("expired") from error
    except signing.BadSignature as error:
        raise LinkRefused("tampered") from error
    pk, _, key = value.partition(".")
    voice = voices.filter(pk=pk).first() if pk.isdigit() else None
    if voice is None or not key or voice.link_key != key:
        raise LinkRefused("replaced")
    return voice
