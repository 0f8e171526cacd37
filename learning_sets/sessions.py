"""The bridge to the events app: each set session is an event page of kind
"learning set session", restricted to the set's Group, that carries only the date, the
joining link (for registrants) and who is presenting. Registration, reminders and calendar
feeds come from the events machinery. No record, issue or action ever reaches an event page.
"""

import logging

from django.utils import timezone
from django.utils.text import slugify

logger = logging.getLogger(__name__)


def _event_index():
    """The events index page, made under the site's root page if it is missing."""
    from wagtail.models import Site

    from events.models import EventIndexPage

    index = EventIndexPage.objects.first()
    if index is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return None
        index = EventIndexPage(title="Huddles, webinars and gatherings", slug="events")
        site.root_page.specific.add_child(instance=index)
    return index


def _event_fields(session):
    from events.models import Audience, EventPage

    learning_set = session.learning_set
    presenters = ", ".join(p.display_name for p in session.presenters.all())
    return {
        "title": f"{learning_set.name}: set session",
        "kind": EventPage.Kind.LEARNING_SET_SESSION,
        # Deliberately bland: the page, reminders and calendar files say nothing of content.
        "summary": f"A meeting of the {learning_set.name} action learning set.",
        "start": session.starts_at,
        "end": session.ends_at,
        "joining_link": session.joining_link,
        "presenters": presenters[:255],
        "format": EventPage.Format.ONLINE,
        "audience": Audience.GROUP,
        "restricted_to_group": learning_set.group,
    }


def event_for(session):
    """The session's event page, or None."""
    from events.models import EventPage

    if not session.event_page_id:
        return None
    return EventPage.objects.filter(pk=session.event_page_id).first()


def publish(session):
    """Create or update the session's event page and register the set's people for it.

    Both go through the events app's services, so the page keeps a revision of each change
    and a new time reaches registrants by the same publish handler as an admin edit.
    """
    from events import services as events

    page = event_for(session)
    fields = _event_fields(session)
    hosts = session.learning_set.facilitators.all()
    if page is None:
        index = _event_index()
        if index is None:
            logger.warning("No events index: session %s has no event page", session.pk)
            return None
        page = events.create_event_page(
            parent=index,
            hosts=hosts,
            slug=slugify(f"{session.learning_set.slug}-session-{session.pk}")[:255],
            **fields,
        )
        session.event_page_id = page.pk
        session.save(update_fields=["event_page_id"])
    else:
        page = events.update_event_page(page, hosts=hosts, **fields)
    for person in session.learning_set.people():
        _register(person, page)
    return page


def _register(person, page):
    from events import services as events
    from hub.core.services import ServiceError

    if page.start <= timezone.now():
        return  # registration has closed for a session in the past
    try:
        events.register(person, page)
    except ServiceError as error:
        logger.info("Not registering %s for %s: %s", person.pk, page.pk, error)


def register_for_future_sessions(learning_set, person):
    """A new member is registered for the set's sessions still to come."""
    from learning_sets.models import SetSession

    for session in SetSession.objects.filter(
        learning_set=learning_set, starts_at__gt=timezone.now()
    ):
        page = event_for(session)
        if page is not None:
            _register(person, page)


def cancel_future_registrations(learning_set, person):
    """Someone who leaves stops getting reminders for the set's sessions."""
    from events import services as events
    from events.models import Registration
    from learning_sets.models import SetSession

    page_ids = SetSession.objects.filter(
        learning_set=learning_set, starts_at__gt=timezone.now(), event_page_id__isnull=False
    ).values_list("event_page_id", flat=True)
    for registration in Registration.objects.filter(
        event_id__in=list(page_ids), person=person
    ).exclude(status=Registration.Status.CANCELLED):
        events.cancel(registration, by=person)
