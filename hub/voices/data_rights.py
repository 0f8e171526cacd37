"""The voice bank: a person's own words and every decision they made on them. On closing,
the consent record stays, as the law requires, without their name; removing their
contributions withdraws their words (erased, and out of every page at once)."""

from hub.core import data_rights
from hub.core.data_rights import Table
from hub.voices import services
from hub.voices.models import Status, Voice, VoiceDecision

FORMER_MEMBER = "a former member"


def close(person, *, keep, by):
    if not keep:
        for voice in Voice.objects.filter(speaker=person).exclude(status=Status.WITHDRAWN):
            services.decide(voice, VoiceDecision.Decision.WITHDRAWN, by=person)
    Voice.objects.filter(speaker=person).update(
        speaker=None, speaker_name=FORMER_MEMBER, speaker_email="", name="", named=False
    )
    VoiceDecision.objects.filter(by=person).update(by=None)


data_rights.register(
    "voices",
    tables=[
        Table(
            "my_words",
            Voice,
            "speaker",
            "quote kind role named name use review_date status added_at changed_at",
            partnership="partnership__name",
        ),
        Table(
            "my_decisions",
            VoiceDecision,
            "by",
            "decision decided_at quote attribution",
            voice="voice__pk",
        ),
    ],
    close=close,
)
