"""The learning framework: what a person wrote (what went well, meetings they recorded,
actions they own). Meetings are the partnership's record and stay; the person's name goes
from them on closing, and their unshared "what went well" posts go unless kept."""

from hub.core import data_rights
from hub.core.data_rights import Table
from hub.learning.models import MeetingAction, ReflectionMeeting, WentWell

IN_PARTNERSHIP = {"partnership": "framework__partnership__name"}


def close(person, *, keep, by):
    if not keep:
        WentWell.objects.filter(author=person).delete()
    MeetingAction.objects.filter(owner=person).update(owner=None, owner_words="A former member")
    ReflectionMeeting.objects.filter(recorded_by=person).update(recorded_by=None)


data_rights.register(
    "learning",
    tables=[
        Table(
            "what_went_well",
            WentWell,
            "author",
            "kind title body created_at shared_at",
            partnership="partnership__name",
        ),
        Table(
            "meetings_recorded",
            ReflectionMeeting,
            "recorded_by",
            "held_on noticed summary",
            **IN_PARTNERSHIP,
        ),
        Table(
            "meeting_actions",
            MeetingAction,
            "owner",
            "text status",
            meeting="meeting__held_on",
        ),
    ],
    close=close,
)
