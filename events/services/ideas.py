"""Topic ideas: members propose and support them; officers plan and schedule them."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import EventPage, HostOffer, TopicIdea, TopicSupport
from events.services.pages import create_event_page, update_event_page
from hub.core.mail import send_email
from hub.core.services import ServiceError
from hub.people import roles


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


def set_topic_status(idea, status, *, by):
    """Officers mark an idea planned or declined (scheduling happens via ``schedule_topic``)."""
    if not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can change a topic's status.")
    idea.status = status
    idea.save(update_fields=["status"])
    return idea


def offer_to_host(person, idea, partnership, *, note=""):
    """A partnership's people offer to host a huddle on the idea (once per partnership)."""
    if partnership.pk not in roles.partnership_ids_of(person) or not partnership.active:
        raise PermissionDenied("Only a partnership's own people offer on its behalf.")
    if idea.status in (TopicIdea.Status.SCHEDULED, TopicIdea.Status.DECLINED):
        raise ServiceError({"partnership": "This idea is no longer looking for a host."})
    try:
        with transaction.atomic():
            return HostOffer.objects.create(
                idea=idea, partnership=partnership, offered_by=person, note=note.strip()
            )
    except IntegrityError:
        raise ServiceError(
            {"partnership": f"{partnership.name} has already offered to host this."}
        ) from None


def withdraw_host_offer(person, offer):
    if offer.partnership_id not in roles.partnership_ids_of(person):
        raise PermissionDenied("Only the partnership's own people withdraw its offer.")
    offer.delete()


def _add_host(event, partnership, by):
    if event.live:
        return update_event_page(event, by=by, hosting_partnership=partnership)
    event.hosting_partnership = partnership
    event.save()
    event.save_revision(user=by)
    return event


def draft_event_from_topic(idea, *, by, index_page=None, host_offer=None):
    """Create a draft event pre-filled from the idea; the officer finishes it in the editor.

    The idea becomes "planned" and points at the draft; supporters hear when it is published.
    With ``host_offer``, the offering partnership hosts the event (if it has no host yet).
    """
    if not roles.is_officer(by):
        raise PermissionDenied("Only programme officers can turn ideas into events.")
    with transaction.atomic():
        idea = TopicIdea.objects.select_for_update().get(pk=idea.pk)
        if idea.scheduled_event_id:
            event = idea.scheduled_event.specific
            if host_offer is not None and event.hosting_partnership_id is None:
                event = _add_host(event, host_offer.partnership, by)
            return event
        hosting = {"hosting_partnership": host_offer.partnership} if host_offer else {}
        start = (timezone.now() + timedelta(days=28)).replace(
            hour=12, minute=0, second=0, microsecond=0
        )
        event = create_event_page(
            parent=index_page,
            by=by,
            publish=False,
            themes=idea.themes.all(),
            title=idea.title,
            summary=(idea.description or idea.title)[:500],
            kind=EventPage.Kind.HUDDLE,
            start=start,
            end=start + timedelta(hours=1),
            **hosting,
        )
        idea.scheduled_event = event
        idea.status = TopicIdea.Status.PLANNED
        idea.save(update_fields=["scheduled_event", "status"])
    return event


def announce_scheduled_topics(event):
    """When an event made from ideas goes live, mark them scheduled and tell their supporters.

    Once: marking an idea scheduled is a conditional UPDATE, so of two publishes at the same
    moment (two beats, the admin and beat) only one wins each idea and sends its emails, in
    the same transaction.
    """
    ideas = list(
        TopicIdea.objects.filter(scheduled_event=event).exclude(status=TopicIdea.Status.SCHEDULED)
    )
    announced = []
    for idea in ideas:
        with transaction.atomic():
            won = (
                TopicIdea.objects.filter(pk=idea.pk)
                .exclude(status=TopicIdea.Status.SCHEDULED)
                .update(status=TopicIdea.Status.SCHEDULED)
            )
            if won:
                idea.status = TopicIdea.Status.SCHEDULED
                announced.append(idea)
                _tell_supporters(idea, event)
    return announced


def _tell_supporters(idea, event):
    supporters = (
        get_user_model().objects.filter(topic_supports__idea=idea, is_active=True).distinct()
    )
    for person in supporters:
        if event.can_view(person):
            send_email(
                "events/email/topic_scheduled",
                person.email,
                {"person": person, "idea": idea, "event": event},
            )
