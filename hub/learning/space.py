"""The partnership space's section for reflection meetings (``SPACE_SECTIONS``)."""

from hub.learning.models import ReflectionMeeting

LIMIT = 6


def reflection_meetings(viewer, partnership):
    meetings = (
        ReflectionMeeting.objects.in_room(viewer)
        .filter(framework__partnership=partnership)
        .select_related("framework__partnership")
        .order_by("-held_on", "-pk")[:LIMIT]
    )
    return {
        "title": "Reflection meetings",
        "template": "learning/includes/space_meetings.html",
        "items": list(meetings),
        "partnership": partnership,
        "empty": "",
    }
