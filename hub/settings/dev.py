"""Settings for a developer's machine and the demo: debug on, static files served as they are."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The demo's emails (thousands, as it is seeded) go to files in var/outbox/, not the terminal.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
