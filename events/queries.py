"""What is new for this person in events: composed by the home page, theme pages, search and
the digest. Everything here goes through ``EventPage.objects.visible_to(user)``."""

from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import EventMaterial, EventPage, Registration
from hub.core import text_search
from hub.core.page_urls import share_root_paths


def with_places(queryset):
    """Annotate registered counts (so places left costs no query per event)."""
    return queryset.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
        )
    ).select_related("hosting_partnership")


def visible_events(user):
    """Live events this person may see."""
    return EventPage.objects.live().visible_to(user)


def upcoming_in(events, *, within_days=None, now=None, theme=None):
    """Of the queryset ``events``: those not yet over and not cancelled, soonest first, with
    their places. The digest passes every live event (its members' ``can_view`` decides)."""
    now = now or timezone.now()
    queryset = events.filter(is_cancelled=False, end__gte=now)
    if within_days is not None:
        queryset = queryset.filter(start__lte=now + timedelta(days=within_days))
    if theme is not None:
        queryset = queryset.filter(themes=theme)
    return with_places(queryset).order_by("start", "pk")


def upcoming_events(user, *, within_days=None, limit=None, now=None, theme=None):
    """Events not yet over and not cancelled, soonest first, that this person may see."""
    queryset = upcoming_in(visible_events(user), within_days=within_days, now=now, theme=theme)
    return list(queryset[:limit]) if limit else queryset


ACTIVE = [Registration.Status.REGISTERED, Registration.Status.WAITLISTED]


def with_viewer_status(queryset, user):
    """Annotate each event with this person's registration status ("registered",
    "waitlisted" or None), read in the same query; :func:`registration_statuses` then answers
    for these events without one of its own. Visitors' events are left as they are."""
    if not (user and user.is_authenticated):
        return queryset
    status = (
        Registration.objects.filter(event=OuterRef("pk"), person=user, status__in=ACTIVE)
        # The latest active one, as registration_statuses' dict keeps the last row it reads.
        .order_by("-queued_at", "-pk")
        .values("status")[:1]
    )
    return queryset.annotate(viewer_status_read=Subquery(status), viewer_status_of=Value(user.pk))


def registration_statuses(user, events):
    """``{event_id: "registered" | "waitlisted"}`` for this person, in one query (none when
    the events were read :func:`with_viewer_status` for them)."""
    if not (user and user.is_authenticated):
        return {}
    ids = [event.pk for event in events]
    if not ids:
        return {}
    if all(getattr(event, "viewer_status_of", None) == user.pk for event in events):
        return {e.pk: e.viewer_status_read for e in events if e.viewer_status_read}
    return dict(
        Registration.objects.filter(
            person=user,
            event_id__in=ids,
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
        ).values_list("event_id", "status")
    )


def with_statuses(user, events, statuses=None):
    """Attach ``viewer_status`` ("registered", "waitlisted" or None) to each event, for the
    event list template; ``statuses`` if already fetched with ``registration_statuses``."""
    if statuses is None:
        statuses = registration_statuses(user, events)
    for event in events:
        event.viewer_status = statuses.get(event.pk)
    return events


def my_upcoming_registrations(user, *, now=None):
    """The events this person is registered or waitlisted for, soonest first."""
    if not (user and user.is_authenticated):
        return EventPage.objects.none()
    now = now or timezone.now()
    return (
        visible_events(user)
        .filter(
            end__gte=now,
            registrations__person=user,
            registrations__status__in=[
                Registration.Status.REGISTERED,
                Registration.Status.WAITLISTED,
            ],
        )
        .order_by("start")
    )


def search_events(user, query, *, limit=10, base=None):
    """Events matching ``query`` that this person may see (of ``base(queryset)`` if given,
    e.g. ``events.whats_new.programme_wide``), best first (``hub.core.text_search``)."""
    queryset = visible_events(user)
    if base is not None:
        queryset = base(queryset)
    # Places left, counted in the same query: "Register" or "Join the waiting list" on each
    # found event cost a query per event (a visitor's search ran one for each open event).
    registered = (
        Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.REGISTERED)
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    queryset = with_viewer_status(
        queryset.annotate(registered_count=Coalesce(Subquery(registered), 0)), user
    ).select_related("hosting_partnership")
    found = text_search.matching(
        queryset, query, fields=("title", "summary", "body"), then=("start", "pk")
    )
    return share_root_paths(list(found[:limit]))


def materials_using(document):
    """The materials a document is attached to: the core asks them before serving it
    (registered in EventsConfig.ready with hub.core.documents.register_document_users)."""
    return EventMaterial.objects.filter(document=document).select_related("event")


def huddle_notes_for_harvest(user, *, since, until, theme=None):
    """Notes from programme-wide events (huddles, webinars, gatherings) for the learning
    team's harvest: never a learning set session's or a group-only event's, only what
    ``user`` may see, from events that started between since and until."""
    from events.models.pages import Audience

    events = (
        EventPage.objects.visible_to(user)
        .exclude(kind=EventPage.Kind.LEARNING_SET_SESSION)
        .exclude(audience=Audience.GROUP)
    )
    if theme is not None:
        events = events.filter(themes=theme)
    materials = (
        EventMaterial.objects.visible_to(user)
        .filter(
            kind=EventMaterial.Kind.NOTES,
            event__in=events.values("pk"),
            event__start__gte=since,
            event__start__lte=until,
        )
        .exclude(notes="")
    )
    return list(materials.select_related("event").order_by("-event__start", "-pk"))
