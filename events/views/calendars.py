"""Calendar files and feeds: one event, a series, the public feed and a person's own feed."""

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from events import services
from events.calendars import absolute_url, event_ics, feed_ics, series_ics
from events.models import CalendarFeed, EventSeries, Registration
from events.queries import registration_statuses, visible_events, with_places
from events.views.registration import visible_event
from hub.people.decorators import member_required


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_calendar(request, pk):
    """The .ics for one event; the joining link only for a registered requester."""
    event = visible_event(request, pk)
    registered = (
        Registration.objects.visible_to(request.user)
        .filter(event=event, person=request.user.pk, status=Registration.Status.REGISTERED)
        .exists()
    )
    return _ics_response(event_ics(event, with_joining_link=registered), f"{event.slug}.ics")


def series_calendar(request, pk):
    series = get_object_or_404(EventSeries.objects.visible_to(request.user), pk=pk)
    pages = list(visible_events(request.user).filter(series=series))
    return _ics_response(series_ics(series, pages), f"series-{series.pk}.ics")


def public_feed(request):
    """Public events only (what a visitor may see), for anyone to subscribe to."""
    events = visible_events(AnonymousUser()).order_by("start")
    return _ics_response(feed_ics(events, name="The hub: public events"), "hub-public-events.ics")


def personal_feed(request, token):
    """The events this person registered for, at a secret address (no sign-in: calendar apps)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    person = feed.person
    # The secret address stands in for signing in: the feed answers as its owner.
    if not feed.can_view(person):
        raise Http404
    events = list(
        visible_events(person)
        .filter(
            registrations__person=person,
            registrations__status=Registration.Status.REGISTERED,
        )
        .order_by("start")
    )
    content = feed_ics(
        events, name="My hub events", joining_link_for={event.pk for event in events}
    )
    response = _ics_response(content, "my-hub-events.ics")
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def calendar_settings(request):
    """Show the personal feed address; revoke it (a new secret) on request."""
    if request.method == "POST":
        services.revoke_calendar_feed(request.user)
        messages.success(
            request, "Your old calendar address no longer works. Here is your new one."
        )
        return redirect("events:calendar_settings")
    feed = services.calendar_feed_for(request.user)
    return render(
        request,
        "events/calendar_settings.html",
        {
            "feed_url": absolute_url(feed.get_absolute_url()),
            "public_feed_url": absolute_url(reverse("events:public_feed")),
        },
    )


def upcoming_json(request):
    """A JSON list of upcoming events this requester may see (never the joining link)."""
    events = list(
        with_places(visible_events(request.user).filter(end__gte=timezone.now())).order_by("start")[
            :100
        ]
    )
    statuses = registration_statuses(request.user, events)
    return JsonResponse(
        {
            "events": [
                {
                    "id": event.pk,
                    "title": event.title,
                    "kind": event.kind,
                    "start": event.start.isoformat(),
                    "end": event.end.isoformat(),
                    "url": absolute_url(event.url or ""),
                    "ics": absolute_url(reverse("events:event_ics", args=[event.pk])),
                    "cancelled": event.is_cancelled,
                    "places_left": event.places_left,
                    "your_status": statuses.get(event.pk),
                }
                for event in events
            ]
        }
    )
