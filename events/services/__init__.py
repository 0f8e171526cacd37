"""The rules that change events' state. Views, admin actions, tasks and commands call these.

In sections: event pages (``pages``) and the one publish handler (``publishing``),
registration and the waiting list, reminders (due work), messages to registrants, materials,
feedback, topic ideas and calendar feeds. Import from here; the sections are the detail.
"""

from events.services.feedback import submit_feedback
from events.services.feeds import calendar_feed_for, revoke_calendar_feed
from events.services.ideas import (
    announce_scheduled_topics,
    draft_event_from_topic,
    offer_to_host,
    propose_topic_idea,
    set_topic_status,
    support_topic_idea,
    withdraw_host_offer,
    withdraw_topic_support,
)
from events.services.materials import add_material, keep_materials_with_their_audience
from events.services.messages import active_registrations, message_registrants, send_to_registrant
from events.services.pages import create_event_page, generate_occurrences, update_event_page
from events.services.publishing import TOLD_FIELDS, event_changed, event_published, live_state
from events.services.registration import (
    RegistrationError,
    can_register_for,
    cancel,
    fill_from_waitlist,
    increase_capacity,
    mark_attendance,
    register,
)
from events.services.reminders import (
    REMINDER_OFFSETS,
    claim_due_reminders,
    schedule_reminders,
    send_claimed_reminders,
    send_reminder,
    sweep_reminders,
)

__all__ = [
    "REMINDER_OFFSETS",
    "TOLD_FIELDS",
    "RegistrationError",
    "active_registrations",
    "add_material",
    "announce_scheduled_topics",
    "calendar_feed_for",
    "can_register_for",
    "cancel",
    "claim_due_reminders",
    "create_event_page",
    "draft_event_from_topic",
    "offer_to_host",
    "withdraw_host_offer",
    "event_changed",
    "event_published",
    "fill_from_waitlist",
    "generate_occurrences",
    "increase_capacity",
    "keep_materials_with_their_audience",
    "live_state",
    "mark_attendance",
    "message_registrants",
    "propose_topic_idea",
    "register",
    "revoke_calendar_feed",
    "schedule_reminders",
    "send_claimed_reminders",
    "send_reminder",
    "send_to_registrant",
    "set_topic_status",
    "submit_feedback",
    "support_topic_idea",
    "sweep_reminders",
    "update_event_page",
    "withdraw_topic_support",
]
