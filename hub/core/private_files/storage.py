"""One storage root for every private file, outside MEDIA_ROOT and with no URL."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


def private_root():
    """The folder that holds every private file (setting ``HUB_PRIVATE_MEDIA_ROOT``).

    Every web and worker process must see the same folder: in docker-compose it is one volume.
    """
    return Path(
        getattr(
            settings, "HUB_PRIVATE_MEDIA_ROOT", Path(settings.BASE_DIR) / "var" / "private-media"
        )
    ).resolve()


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under :func:`private_root`. They have no URL: only checked views serve them.

    The root is read on every use (not fixed when the storage is made) so a test's or a
    deployment's setting is always the one followed. Names are joined with Django's
    ``safe_join``, so a name can never reach outside the root.
    """

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no address: they are served only by checked views.")


def private_storage():
    """The storage for a FileField: a callable, so migrations never bake in a path."""
    return PrivateStorage()
