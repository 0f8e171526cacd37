"""Officers' announcements, told as notifications to their audience."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hub.notifications.models import Announcement
from hub.notifications.services import notify
from hub.people import roles
from hub.people.models import Membership


def audience_of(announcement):
    people = roles.members()
    if announcement.audience == Announcement.Audience.THEME:
        people = people.filter(themes=announcement.theme_id)
    elif announcement.audience == Announcement.Audience.PARTNERSHIP:
        people = people.filter(
            pk__in=Membership.objects.filter(partnership_id=announcement.partnership_id).values(
                "person_id"
            )
        )
    return people.distinct()


@transaction.atomic
def announce(*, by, title, body, audience, theme=None, partnership=None):
    """An officer tells everyone, a theme's followers or one partnership."""
    if not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can send announcements.")
    announcement = Announcement.objects.create(
        title=title.strip(),
        body=body.strip(),
        audience=audience,
        theme=theme if audience == Announcement.Audience.THEME else None,
        partnership=partnership if audience == Announcement.Audience.PARTNERSHIP else None,
        created_by=by,
    )
    notify(audience_of(announcement), "announcement", announcement, actor=by)
    return announcement
