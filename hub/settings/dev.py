"""Settings for a developer's machine and the demo: debug on, static files served as they are."""

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
