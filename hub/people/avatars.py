"""Profile pictures: checked like any other upload (hub.core.private_files), then made into a
small square JPEG so a phone on a poor connection never downloads someone's 8 MB photo.

The picture is kept in private storage and served only to those who may see the profile
(``User.can_view``); without one, templates show the person's initials.
"""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from PIL import Image, ImageOps, UnidentifiedImageError

from hub.core.private_files import check_upload

MAX_MB = 5
SIZE = 256  # pixels, square
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
# A picture that would unpack to more pixels than this is refused before it is decoded.
MAX_PIXELS = 40_000_000


def small_square(upload):
    """``upload`` as a SIZE x SIZE JPEG (bytes), or ValidationError saying what to do."""
    content_type = check_upload(upload, max_mb=MAX_MB, where="a profile picture")
    if content_type not in IMAGE_TYPES:
        raise ValidationError(
            "Choose a picture: a JPEG, PNG, GIF or WebP image.", code="not_an_image"
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    "This picture is too large. Choose a smaller one.", code="too_many_pixels"
                )
            image = ImageOps.exif_transpose(image).convert("RGB")
            image = ImageOps.fit(image, (SIZE, SIZE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            "We could not read this picture. Try another JPEG or PNG.", code="unreadable"
        ) from None
    return out.getvalue()


def set_avatar(person, upload):
    """Replace ``person``'s picture with a small copy of ``upload`` (ValidationError if it is
    not a picture)."""
    store(person, small_square(upload))


def store(person, data):
    """Keep ``data`` (from :func:`small_square`) as the picture; the old file is removed once
    the new one is committed."""
    old = person.avatar.name if person.avatar else ""
    with transaction.atomic():
        person.avatar.save(f"{person.pk}-{secrets.token_hex(8)}.jpg", ContentFile(data), save=False)
        person.save(update_fields=["avatar"])
    if old:
        storage = person.avatar.storage
        transaction.on_commit(lambda: storage.delete(old))


def remove_avatar(person):
    """Back to initials."""
    if not person.avatar:
        return
    old, storage = person.avatar.name, person.avatar.storage
    person.avatar = ""
    person.save(update_fields=["avatar"])
    transaction.on_commit(lambda: storage.delete(old))
