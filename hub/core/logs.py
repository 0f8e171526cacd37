"""Bearer secrets in web addresses are never written to logs.

A personal calendar feed (``/events/calendar/<token>.ics``), an invitation, a digest's
unsubscribe link and a password reset link carry a secret in their path: whoever has the
address can use it. Django logs the path of every 4xx and 5xx response, and gunicorn's access
log writes every request line, so both are passed through :func:`redact`:

- ``RedactSecretsFilter`` on the console handler (``LOGGING`` in settings);
- ``GunicornLogger`` as gunicorn's ``--logger-class`` (docker-compose.yml).
"""

import logging
import re

from gunicorn.glogging import Logger

SECRET_PATHS = re.compile(
    r"(?P<before>/events/calendar/|/invitations/|/digests/unsubscribe/|/voices/check/"
    r"|/accounts/password/reset/key/)(?P<secret>(?!public\.ics)[^/\s?\"]+?)(?P<after>\.ics|/|\s|\"|\?|$)"
)
HIDDEN = "[secret]"


def redact(text):
    """``text`` with the secret part of every secret-bearing path replaced by [secret]."""
    if not isinstance(text, str):
        return text
    return SECRET_PATHS.sub(lambda m: f"{m['before']}{HIDDEN}{m['after']}", text)


class RedactSecretsFilter(logging.Filter):
    """Rewrite a record's message with :func:`redact` (its arguments are folded in first)."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class GunicornLogger(Logger):
    """gunicorn's logger, with secret paths redacted in the access log's atoms."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            atoms[key] = redact(atoms.get(key))
        return atoms
