"""Test and demo helpers for the voice bank."""

import datetime

from django.utils import timezone

from hub.voices.models import RoleGroup, Source, Status, Use, Voice


def make_voice(
    quote="Being asked what we thought made us feel part of it.",
    *,
    status=Status.APPROVED,
    use=Use.PUBLIC,
    role="mum of two",
    role_group=RoleGroup.PARENT,
    partnership=None,
    speaker=None,
    speaker_email="",
    **fields,
):
    """A voice straight into the bank (already checked back unless ``status`` says not)."""
    fields.setdefault("review_date", timezone.localdate() + datetime.timedelta(days=365))
    fields.setdefault("source", Source.INTERVIEW)
    if speaker is None and not speaker_email:
        speaker_email = "a.parent@example.org"
    return Voice.objects.create(
        quote=quote,
        status=status,
        use=use,
        role=role,
        role_group=role_group,
        partnership=partnership,
        speaker=speaker,
        speaker_email=speaker_email,
        **fields,
    )


def bank_voice_block(voice):
    """A briefing body block quoting ``voice`` from the bank."""
    return ("bank_voice", {"voice": voice})
