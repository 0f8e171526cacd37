"""The kinds of notification and the things they point at, plugged in by the apps that own them.

The notifications core imports no content app. Each app registers, from ``AppConfig.ready``:

- its **kinds**: what the person is told (``text``, filled in when shown), how the
  preferences page names it (``label``), the channel a person gets unless they choose
  (``default``), and whether the app sends the email itself (``own_email``; such a kind
  is by email unless the person chooses otherwise, since its email is the point)::

      kinds.register_kind("answer", label="Answers to my questions and ones I follow",
                          text="{actor} answered “{title}”", own_email=True)

- its **targets**: for each model a notification may point at, how to say what it is and
  where it lives (``describe(obj) -> (title, url)``). Whether the person may still see it is
  always the model's own ``can_view(person)``, asked again every time a notification is shown
  (the list, emails sent later, the digest)::

      kinds.register_target(Answer, describe=lambda a: (a.question.title, a.get_absolute_url()),
                            select_related=("question",))

A kind with ``own_email=True`` keeps its own email (a calendar file, a batched list): ``notify``
returns the people who chose email at once and the caller sends them its email. Any other kind
gets the hub's notification email (due work, through the outbox).

Hook for the learning loop ("check my words before they are quoted"): register a kind such as
``register_kind("check_my_words", label="Requests to check my words before they are quoted",
text="{actor} asked you to check your words in “{title}”", default=Channel.EMAIL)`` and a
target for the draft, then call ``notify([speaker], "check_my_words", draft, actor=editor)``
from the service that asks. Nothing in this app needs to change.
"""

import string
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import models


class Channel(models.TextChoices):
    HUB = "hub", "In the hub only"
    EMAIL = "email", "In the hub, and by email straight away"
    DIGEST = "digest", "In the hub, and in my digest email"
    OFF = "off", "Off: do not tell me"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    text: str
    default: str = Channel.HUB
    own_email: bool = False
    email_delay: timedelta = timedelta(0)
    hint: str = ""
    order: int = 100
    channels: tuple = field(default=tuple(Channel.values))


@dataclass(frozen=True)
class Target:
    model: type
    describe: object
    select_related: tuple = ()


_kinds = {}
_targets = {}


def register_kind(
    key, *, label, text, default=None, own_email=False, email_delay=None, hint="", order=100
):
    """Add a kind of notification (call from ``AppConfig.ready``). ``text`` may use
    ``{actor}``, ``{title}`` and the keys of the context passed to ``notify``. Unless
    ``default`` says otherwise, a kind that sends its app's own email is by email and any
    other kind is in the hub only."""
    if default is None:
        default = Channel.EMAIL if own_email else Channel.HUB
    _kinds[key] = Kind(
        key=key,
        label=label,
        text=text,
        default=default,
        own_email=own_email,
        email_delay=email_delay or timedelta(0),
        hint=hint,
        order=order,
    )


def register_target(model, *, describe, select_related=()):
    """Let notifications point at ``model`` (which must answer ``can_view(person)``)."""
    if not callable(getattr(model, "can_view", None)):
        raise TypeError(f"{model.__name__} has no can_view: notifications re-check it when shown")
    _targets[model._meta.label_lower] = Target(model, describe, tuple(select_related))


def get(key):
    return _kinds.get(key)


def all_kinds():
    """Every registered kind, in the order the preferences page lists them."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.label))


def target_for(model_label):
    return _targets.get(model_label)


class _Blank(dict):
    def __missing__(self, key):
        return ""


def render(kind, *, actor="", title="", context=None):
    """The short text of a notification, filled in when it is shown."""
    values = _Blank({k: str(v) for k, v in (context or {}).items()})
    values.update(actor=actor or "Someone", title=title)
    text = kind.text if kind else "{title}"
    return string.Formatter().vformat(text, (), values)
