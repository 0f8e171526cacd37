"""The bridge to the events app: each set session is an event page of kind
"learning set session", restricted to the set's Group, that carries only the date, the
joining link (for registrants) and who is presenting. Reminders and calendar feeds come
from the events machinery. No record, issue or action ever reaches an event page.
"""


def events_ready():
    """Is the events app's page model there with what sessions need?"""
    return False


def publish(session):
    """Create or update the session's event page and register the set's people."""


def register_for_future_sessions(learning_set, person):
    """A new member is registered for the set's sessions still to come."""


def cancel_future_registrations(learning_set, person):
    """Someone who leaves stops getting reminders for the set's sessions."""
