from hub.learning.models.framework import (
    Framework,
    Indicator,
    IndicatorVersion,
    ProgrammeIndicator,
)
from hub.learning.models.meetings import (
    Judgement,
    MeetingAction,
    MeetingActionReview,
    ReflectionMeeting,
)
from hub.learning.models.went_well import WentWell

__all__ = [
    "Framework",
    "Indicator",
    "IndicatorVersion",
    "Judgement",
    "MeetingAction",
    "MeetingActionReview",
    "ProgrammeIndicator",
    "ReflectionMeeting",
    "WentWell",
]
