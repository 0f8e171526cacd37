"""Private files: the one way the hub stores, checks and serves files that are not public.

Library uploads and learning set files share it:

- :mod:`.storage`: one storage root (setting ``HUB_PRIVATE_MEDIA_ROOT``), outside MEDIA_ROOT,
  with no URL, so a file is only ever reached through a permission-checked view;
- :mod:`.checks`: one upload check (type read from the content, size, zip bombs);
- :mod:`.responses`: one download response (attachment, no sniffing, sandboxed, not cached);
- :mod:`.limits`: refusing over-large requests before their body is read, and stopping an
  upload as soon as it passes the limit.
"""

from hub.core.private_files.checks import ALLOWED_HELP, check_upload
from hub.core.private_files.responses import private_file_response
from hub.core.private_files.storage import PrivateStorage, private_root, private_storage

__all__ = [
    "ALLOWED_HELP",
    "PrivateStorage",
    "check_upload",
    "private_file_response",
    "private_root",
    "private_storage",
]
