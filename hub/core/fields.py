"""Field shapes the hub's models share, each with the rule it carries."""

from django.conf import settings
from django.db import models


def optional_link(to, **options):
    """A link that the thing outlives: deleting what it points at (a partnership, a page, a
    series) leaves the thing in place, pointing at nothing (``SET_NULL``). ``options`` are
    the ForeignKey's others: ``related_name``, ``blank``, ``help_text``, ``editable``."""
    return models.ForeignKey(to, on_delete=models.SET_NULL, null=True, **options)


def optional_person(**options):
    """A link to a person (who wrote, did or was given something) that the thing outlives.

    Deleting the person's row leaves the thing in place, naming nobody. Closing an account
    never deletes the row (it stays as "a former member"), so this matters when an account
    is deleted outright, in the admin or a shell.
    """
    return optional_link(settings.AUTH_USER_MODEL, **options)
