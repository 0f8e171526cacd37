"""A chosen upload kept across a form's error, so nobody has to choose the file again.

Browsers never send a file twice: when another field has an error, the page comes back with an
empty file input and the upload is silently lost. :class:`KeepsUploads` stores a checked upload
in the private storage (``kept/<random>/``, no URL), puts a signed token in a hidden field and
says "Your file x.pdf is kept"; the next submit without a new file uses the kept one.

The token is signed (it cannot be forged or pointed at another file), bound to the person who
chose the file, and lasts a day (``KEPT_FOR``). Kept files older than that are removed by
:func:`sweep` (the beat's heartbeat task runs it every minute).
"""

import os
import time
import uuid

from django import forms
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html

from hub.core.private_files.storage import private_storage

SALT = "hub.private_files.kept"
KEPT_FOR = 24 * 60 * 60
FOLDER = "kept"


def keep(upload, user=None):
    """Store ``upload`` and return the signed token that brings it back."""
    name = os.path.basename(upload.name or "file")[:150] or "file"
    upload.seek(0)
    stored = private_storage().save(f"{FOLDER}/{uuid.uuid4().hex}/{name}", upload)
    upload.seek(0)
    return signing.dumps(
        {
            "n": stored,
            "f": name,
            "t": getattr(upload, "content_type", "") or "",
            "u": getattr(user, "pk", None),
        },
        salt=SALT,
    )


def restore(token, user=None):
    """The kept upload for ``token`` (an UploadedFile), or None when it is not valid here."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != getattr(user, "pk", None):
        return None
    storage = private_storage()
    stored = str(data.get("n", ""))
    if not stored.startswith(f"{FOLDER}/") or not storage.exists(stored):
        return None
    kept = UploadedFile(
        file=storage.open(stored, "rb"),
        name=data.get("f") or "file",
        content_type=data.get("t") or "application/octet-stream",
        size=storage.size(stored),
    )
    kept.kept_token = token
    return kept


def sweep(older_than=KEPT_FOR):
    """Remove kept files whose token can no longer be used."""
    storage = private_storage()
    if not storage.exists(FOLDER):
        return 0
    removed = 0
    cutoff = time.time() - older_than
    folders, _ = storage.listdir(FOLDER)
    for folder in folders:
        path = f"{FOLDER}/{folder}"
        _, names = storage.listdir(path)
        for name in names:
            if storage.get_modified_time(f"{path}/{name}").timestamp() < cutoff:
                storage.delete(f"{path}/{name}")
                removed += 1
    return removed


class KeepsUploads:
    """Form mixin: keep the file fields in ``kept_upload_fields`` across an error.

    The form's person (for binding the token) is ``self.user`` when the form has one."""

    kept_upload_fields = ("file",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_uploads = {}
        for name in self.kept_upload_fields:
            self.fields[f"{name}_kept"] = forms.CharField(required=False, widget=forms.HiddenInput)

    def _kept_owner(self):
        return getattr(self, "user", None)

    def full_clean(self):
        if self.is_bound:
            files = self.files.copy()
            for name in self.kept_upload_fields:
                if files.get(self.add_prefix(name)):
                    continue
                kept = restore(self.data.get(self.add_prefix(f"{name}_kept")), self._kept_owner())
                if kept is not None:
                    files[self.add_prefix(name)] = kept
            self.files = files
        super().full_clean()
        self._cleaned = True
        self._keep_uploads()

    def add_error(self, field, error):
        super().add_error(field, error)
        # A service's refusal after a valid form (apply_service_error) also keeps the file.
        if getattr(self, "_cleaned", False):
            self._keep_uploads()

    def _keep_uploads(self):
        if not self.is_bound or not self._errors:
            return
        data = self.data.copy()
        for name in self.kept_upload_fields:
            if name in self._errors:
                continue
            upload = self.cleaned_data.get(name)
            if not isinstance(upload, UploadedFile):
                continue
            token = getattr(upload, "kept_token", None) or keep(upload, self._kept_owner())
            upload.kept_token = token
            data[self.add_prefix(f"{name}_kept")] = token
            if name not in self.kept_uploads:
                field = self.fields[name]
                field.help_text = format_html(
                    "Your file {} is kept — choose another to replace it. {}",
                    upload.name,
                    field.help_text,
                )
                # The bound field copied the hint when cleaning made it: give it the new one.
                self[name].help_text = field.help_text
                # The kept file stands in for the choice: the field is not "missing".
                field.hide_optional = True
            self.kept_uploads[name] = upload.name
        self.data = data
