"""What the events index and an event page show this person, decided in Python.

Page models call these from ``get_context`` (models never import views). The event page's
template gets one ``EventActions``: what this person may do, and what to tell them when they
may not, so it needs no chain of conditions of its own.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import dateformat, timezone

from events.calendars import google_calendar_link
from events.models import EventPage, Feedback, Registration
from events.queries import visible_events, with_places, with_statuses, with_viewer_status
from hub.core.page_urls import share_root_paths
from hub.people import roles

PAST_PER_PAGE = 20
UPCOMING_PER_PAGE = 20


def index_context(request, index):
    """The index: upcoming events then past ones, each paged, with places and status."""
    user = request.user
    now = timezone.now()
    kinds = dict(EventPage.Kind.choices)
    kind = request.GET.get("kind")
    # The person's own status on each card comes in the same query as the events (the cards
    # show no themes, so none are read).
    # Every event page is a child of the one index (parent_page_types, max_count): no
    # child_of(index), whose path match made PostgreSQL rescan the page tree per event.
    events = with_viewer_status(visible_events(user), user)
    if kind in kinds:
        events = events.filter(kind=kind)
    upcoming_page = Paginator(
        with_places(events.filter(end__gte=now)).order_by("start", "pk"), UPCOMING_PER_PAGE
    ).get_page(request.GET.get("upcoming"))
    upcoming = list(upcoming_page)
    past_page = Paginator(
        with_places(events.filter(end__lt=now)).order_by("-start", "pk"), PAST_PER_PAGE
    ).get_page(request.GET.get("page"))
    listed = upcoming + list(past_page)
    with_statuses(user, listed)
    # Each card links to its event: the site's root paths once for the list, not per card.
    share_root_paths(listed, request)
    return {
        "upcoming": upcoming,
        "upcoming_page": upcoming_page,
        "past_page": past_page,
        "kinds": EventPage.Kind.choices,
        "kind": kind if kind in kinds else "",
    }


def joining_link_visible(event, registration, now=None):
    """Registered people see the joining link from a set time before the start until the end."""
    now = now or timezone.now()
    return bool(
        event.joining_link
        and registration is not None
        and registration.status == Registration.Status.REGISTERED
        and not event.is_cancelled
        and event.joining_link_available_from() <= now <= event.end
    )


@dataclass(frozen=True)
class EventActions:
    """What one person may do on one event page, and what to say when they may not."""

    status: str = ""  # "registered", "waitlisted" or "" (no place)
    may_register: bool = False
    register_label: str = "Register"
    may_cancel: bool = False
    cancel_label: str = "Cancel my place"
    may_see_joining_link: bool = False
    # Registered, with a link still to come: the page says when it will appear.
    joining_link_pending: bool = False
    may_register_colleagues: bool = False
    may_give_feedback: bool = False
    feedback_label: str = "Tell us how it went"
    may_add_material: bool = False
    may_manage: bool = False  # the officer's registrations, message and feedback tools
    may_add_to_calendar: bool = False
    # Why there is no button, in plain words ("" when there is one or nothing to say).
    registration_note: str = ""
    sign_in_to_register: bool = False

    @property
    def for_the_team(self):
        """Whether the page shows its "For the programme team" panel."""
        return self.may_manage or self.may_add_material


def _registration_note(event, now):
    if event.is_cancelled:
        return "Registration is closed because the event is cancelled."
    if event.is_past(now):
        return "This event has finished."
    if event.registration_opens_at and now < event.registration_opens_at:
        opens = timezone.localtime(event.registration_opens_at)
        return f"Registration opens on {dateformat.format(opens, 'l j F Y, H:i')}."
    if not event.registration_is_open(now):
        return "Registration has closed."
    return ""


def event_actions(event, user, registration=None, *, feedback_given=False, now=None):
    """The decisions for ``user`` on ``event``; ``registration`` is their active one (or None)."""
    now = now or timezone.now()
    member = roles.is_member(user)
    status = registration.status if registration else ""
    registered = status == Registration.Status.REGISTERED
    is_past = event.is_past(now)
    is_open = event.registration_is_open(now)
    may_cancel = registration is not None and not is_past
    may_register = member and registration is None and is_open
    may_see_link = joining_link_visible(event, registration, now)
    quiet = may_cancel or may_register
    return EventActions(
        status=status,
        may_register=may_register,
        register_label="Join the waiting list" if event.is_full else "Register",
        may_cancel=may_cancel,
        cancel_label="Leave the waiting list" if status == "waitlisted" else "Cancel my place",
        may_see_joining_link=may_see_link,
        joining_link_pending=bool(
            registered
            and event.joining_link
            and not is_past
            and not event.is_cancelled
            and not may_see_link
        ),
        may_register_colleagues=bool(
            member and not is_past and is_open and roles.led_partnership_ids_of(user)
        ),
        may_give_feedback=registered and event.start <= now,
        feedback_label="Change your feedback" if feedback_given else "Tell us how it went",
        may_add_material=roles.is_programme_team(user),
        may_manage=roles.is_officer(user),
        may_add_to_calendar=not event.is_cancelled and not is_past,
        registration_note="" if quiet else _registration_note(event, now),
        sign_in_to_register=not quiet and is_open and not user.is_authenticated,
    )


def event_context(request, event):
    """An event page's context: the person's place, their actions and the materials."""
    user = request.user
    now = timezone.now()
    registration = None
    if roles.is_member(user):
        registration = (
            Registration.objects.filter(event=event, person=user)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
    feedback_given = bool(
        registration and Feedback.objects.visible_to(user).filter(event=event, person=user).exists()
    )
    return {
        "registration": registration,
        "actions": event_actions(event, user, registration, feedback_given=feedback_given, now=now),
        "joining_link_from": event.joining_link_available_from(),
        "joining_link_minutes": getattr(settings, "HUB_JOINING_LINK_MINUTES", 30),
        "google_link": google_calendar_link(event),
        "materials": list(event.materials.visible_to(user).select_related("document")),
    }
