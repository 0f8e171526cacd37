"""Field shapes the hub's models share, each with the rule it carries."""

from django.conf import settings
from django.db import models


def optional_person(**options):
    """A link to a person (who wrote, did or was given something) that the thing outlives.

    Deleting the person's row leaves the thing in place, naming nobody (``SET_NULL``).
    Closing an account never deletes the row (it stays as "a former member"), so this
    matters when an account is deleted outright, in the admin or a shell. ``options`` are
    the ForeignKey's others: ``related_name``, ``blank``, ``help_text``, ``editable``.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, **options
    )
