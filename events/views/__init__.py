"""Events' own views, in sections: registration, calendars, officers' tools and topic ideas.

The event pages' own context is in ``events.context`` (page models call it).
"""

from events.views.calendars import (
    calendar_settings,
    event_calendar,
    personal_feed,
    public_feed,
    series_calendar,
    upcoming_json,
)
from events.views.ideas import (
    idea_detail,
    idea_status,
    idea_to_event,
    ideas,
    offer_to_host,
    propose_idea,
    support_idea,
)
from events.views.officers import (
    add_material,
    feedback_summary,
    message_registrants,
    officer_cancel,
    registrations,
    registrations_csv,
)
from events.views.registration import cancel, feedback, register, register_colleagues

__all__ = [
    "add_material",
    "calendar_settings",
    "cancel",
    "event_calendar",
    "feedback",
    "feedback_summary",
    "idea_detail",
    "idea_status",
    "idea_to_event",
    "ideas",
    "offer_to_host",
    "message_registrants",
    "officer_cancel",
    "personal_feed",
    "propose_idea",
    "public_feed",
    "register",
    "register_colleagues",
    "registrations",
    "registrations_csv",
    "series_calendar",
    "support_idea",
    "upcoming_json",
]
