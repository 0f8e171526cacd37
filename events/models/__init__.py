"""Huddles, webinars, gatherings and learning set sessions, in sections: pages (and series),
registrations and reminders, materials and feedback, calendar feeds, topic ideas.

Every kind a person can be shown answers ``visible_to(user)`` (a queryset) and
``can_view(user)`` (one object) with one meaning: published, and open to this person.
"""

from events.models.feeds import CalendarFeed, _new_feed_token
from events.models.ideas import HostOffer, TopicIdea, TopicSupport
from events.models.materials import EventMaterial, Feedback
from events.models.pages import (
    LONDON,
    Audience,
    EventIndexPage,
    EventPage,
    EventPageManager,
    EventPageQuerySet,
    EventSeries,
    group_ids_of,
)
from events.models.registrations import Registration, Reminder

__all__ = [
    "LONDON",
    "Audience",
    "CalendarFeed",
    "EventIndexPage",
    "EventMaterial",
    "EventPage",
    "EventPageManager",
    "EventPageQuerySet",
    "EventSeries",
    "Feedback",
    "Registration",
    "Reminder",
    "HostOffer",
    "TopicIdea",
    "TopicSupport",
    "_new_feed_token",
    "group_ids_of",
]
