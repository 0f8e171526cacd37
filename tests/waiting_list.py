"""A full event with a waiting list, for tests of what happens when the place holder goes."""

from datetime import timedelta

from django.utils import timezone

from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration


def full_event_with_waiting_list(holder, first, second):
    """An event of one place held by ``holder``, with ``first`` then ``second`` waiting.
    Returns (event, the place, the first waiting, the second waiting)."""
    event = EventPageFactory(capacity=1)
    place = RegistrationFactory(event=event, person=holder)
    waiting = [
        RegistrationFactory(
            event=event,
            person=person,
            status=Registration.Status.WAITLISTED,
            queued_at=timezone.now() - timedelta(hours=hours),
        )
        for person, hours in ((first, 2), (second, 1))
    ]
    return event, place, *waiting
