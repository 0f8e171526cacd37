"""The rules that change events' state. Views, admin actions, tasks and commands call these."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from events.models import TopicIdea, TopicSupport
from hub.people import roles

# Topic ideas -----------------------------------------------------------------------------


def propose_topic_idea(person, title, description="", origin_page=None, themes=()):
    """A member proposes an idea for a future huddle or webinar (and supports it themselves)."""
    if not roles.is_member(person):
        raise PermissionDenied("Only programme members can propose topics.")
    with transaction.atomic():
        idea = TopicIdea.objects.create(
            title=title.strip(),
            description=description.strip(),
            proposed_by=person,
            origin_page=origin_page,
        )
        if themes:
            idea.themes.set(themes)
        TopicSupport.objects.create(idea=idea, person=person)
    return idea


def support_topic_idea(person, idea):
    """Add this person's support (once). Returns True if it was new."""
    if not roles.is_member(person):
        raise PermissionDenied("Only programme members can support topics.")
    try:
        with transaction.atomic():
            TopicSupport.objects.create(idea=idea, person=person)
    except IntegrityError:
        return False
    return True


def withdraw_topic_support(person, idea):
    """Take back this person's support. Returns True if there was one."""
    deleted, _ = TopicSupport.objects.filter(idea=idea, person=person).delete()
    return bool(deleted)
