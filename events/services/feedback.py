"""Feedback from the people who came, once the event has started."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from events.models import Feedback, Registration


def submit_feedback(event, person, *, rating, valuable="", next_wanted=""):
    """Attendees (registered people, once the event has started) say how it went; once each."""
    if not Registration.objects.filter(
        event=event, person=person, status=Registration.Status.REGISTERED
    ).exists():
        raise PermissionDenied("Only people who registered can give feedback.")
    if event.start > timezone.now():
        raise PermissionDenied("Feedback opens when the event starts.")
    feedback, _ = Feedback.objects.update_or_create(
        event=event,
        person=person,
        defaults={"rating": rating, "valuable": valuable, "next_wanted": next_wanted},
    )
    return feedback
