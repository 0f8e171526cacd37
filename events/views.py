"""Event pages' context, registration, calendars, officers' tools, feedback and topic ideas.

Every view finds its event through ``EventPage.objects.live().visible_to(user)`` and every
state change goes through ``events.services``.
"""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, OuterRef
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wagtail.documents import get_document_model

from events import services
from events.calendars import (
    absolute_url,
    event_ics,
    feed_ics,
    google_calendar_link,
    series_ics,
)
from events.forms import (
    ColleaguesForm,
    FeedbackForm,
    MaterialForm,
    MessageForm,
    TopicIdeaForm,
)
from events.models import (
    Audience,
    CalendarFeed,
    EventIndexPage,
    EventPage,
    EventSeries,
    Feedback,
    Registration,
    TopicIdea,
    TopicSupport,
)
from events.queries import registration_statuses, visible_events, with_places, with_statuses
from hub.core import documents
from hub.core.services import ServiceError
from hub.people import roles
from hub.people.decorators import member_required, officer_required

PAST_PER_PAGE = 20


# Pages -----------------------------------------------------------------------------------


def index_context(request, index):
    """The index: upcoming events (all) then past ones (paged), with places and status."""
    user = request.user
    now = timezone.now()
    kinds = dict(EventPage.Kind.choices)
    kind = request.GET.get("kind")
    events = visible_events(user).child_of(index).prefetch_related("themes")
    if kind in kinds:
        events = events.filter(kind=kind)
    upcoming = list(with_places(events.filter(end__gte=now)).order_by("start", "pk"))
    past_page = Paginator(
        with_places(events.filter(end__lt=now)).order_by("-start", "pk"), PAST_PER_PAGE
    ).get_page(request.GET.get("page"))
    with_statuses(user, upcoming + list(past_page))
    return {
        "upcoming": upcoming,
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


def event_context(request, event):
    user = request.user
    now = timezone.now()
    member = roles.is_member(user)
    registration = Registration.objects.filter(event=event, person=user).first() if member else None
    active = registration if registration and registration.status != "cancelled" else None
    context = {
        "registration": active,
        "show_joining_link": joining_link_visible(event, active, now),
        "joining_link_from": event.joining_link_available_from(),
        "joining_link_minutes": getattr(settings, "HUB_JOINING_LINK_MINUTES", 30),
        "registration_open": event.registration_is_open(now),
        "registration_not_yet_open": bool(
            event.registration_opens_at and now < event.registration_opens_at
        ),
        "is_past": event.is_past(now),
        "can_register": member and active is None and event.registration_is_open(now),
        "google_link": google_calendar_link(event),
        "materials": list(event.materials.visible_to(user).select_related("document")),
        "is_officer": roles.is_officer(user),
        "is_team": roles.is_programme_team(user),
        "is_lead": member and roles.led_partnerships(user).exists(),
    }
    if active and active.status == Registration.Status.REGISTERED and event.start <= now:
        context["feedback_given"] = Feedback.objects.filter(event=event, person=user).exists()
        context["can_give_feedback"] = True
    return context


def _visible_event(request, pk):
    return get_object_or_404(visible_events(request.user).specific(), pk=pk)


# Registration ----------------------------------------------------------------------------


@require_POST
@member_required
def register(request, pk):
    event = _visible_event(request, pk)
    try:
        registration = services.register(request.user, event)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(
                request, "You are registered. We have emailed you the details and a calendar file."
            )
        else:
            messages.info(
                request,
                "The event is full, so you are on the waitlist. We will email you if a place "
                "comes up.",
            )
    return redirect(event.url)


@require_POST
@member_required
def cancel(request, pk):
    event = _visible_event(request, pk)
    registration = Registration.objects.filter(
        event=event,
        person=request.user,
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
    ).first()
    if registration is None:
        messages.info(request, "You were not registered for this event.")
    else:
        was_waitlisted = registration.status == Registration.Status.WAITLISTED
        services.cancel(registration, by=request.user)
        messages.success(
            request,
            "You have left the waitlist." if was_waitlisted else "Your place is cancelled.",
        )
    return redirect(event.url)


@member_required
def register_colleagues(request, pk):
    """A lead registers people from the partnerships they lead (officers: anyone)."""
    event = _visible_event(request, pk)
    user = request.user
    if not (roles.is_officer(user) or roles.led_partnerships(user).exists()):
        raise PermissionDenied("Only partnership leads can register colleagues.")
    User = get_user_model()
    already = Registration.objects.filter(
        event=event,
        person=OuterRef("pk"),
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
    )
    people = User.objects.filter(is_active=True, is_approved=True)
    if not roles.is_officer(user):
        people = people.filter(memberships__partnership__in=roles.led_partnerships(user))
    colleagues = (
        people.exclude(pk=user.pk).exclude(Exists(already)).distinct().order_by("display_name")
    )
    if event.audience == Audience.GROUP:
        colleagues = colleagues.filter(groups=event.restricted_to_group_id)
    form = ColleaguesForm(request.POST or None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        results = {"registered": [], "waitlisted": [], "refused": []}
        for person in form.cleaned_data["people"]:
            try:
                registration = services.register(person, event, by=user)
            except (ServiceError, PermissionDenied):
                results["refused"].append(person.display_name)
            else:
                results[registration.status].append(person.display_name)
        if results["registered"]:
            messages.success(request, "Registered: " + ", ".join(results["registered"]) + ".")
        if results["waitlisted"]:
            messages.info(request, "On the waitlist: " + ", ".join(results["waitlisted"]) + ".")
        if results["refused"]:
            messages.error(request, "Could not register: " + ", ".join(results["refused"]) + ".")
        return redirect(event.url)
    return render(request, "events/register_colleagues.html", {"event": event, "form": form})


# Calendars -------------------------------------------------------------------------------


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_calendar(request, pk):
    """The .ics for one event; the joining link only for a registered requester."""
    event = _visible_event(request, pk)
    registered = (
        request.user.is_authenticated
        and Registration.objects.filter(
            event=event, person=request.user, status=Registration.Status.REGISTERED
        ).exists()
    )
    return _ics_response(event_ics(event, with_joining_link=registered), f"{event.slug}.ics")


def series_calendar(request, pk):
    series = get_object_or_404(EventSeries, pk=pk)
    pages = list(visible_events(request.user).filter(series=series))
    if not pages:
        raise Http404
    return _ics_response(series_ics(series, pages), f"series-{series.pk}.ics")


def public_feed(request):
    """Public events only (what a visitor may see), for anyone to subscribe to."""
    events = visible_events(AnonymousUser()).order_by("start")
    return _ics_response(feed_ics(events, name="The hub: public events"), "hub-public-events.ics")


def personal_feed(request, token):
    """The events this person registered for, at a secret address (no sign-in: calendar apps)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    person = feed.person
    if not roles.is_member(person):
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


# Officers --------------------------------------------------------------------------------


def _officer_event(request, pk):
    # Officers get no bypass into group-only (confidential) events.
    return _visible_event(request, pk)


@officer_required
def registrations(request, pk):
    """Registrations, the waitlist, attendance and the officer's tools for one event."""
    event = _officer_event(request, pk)
    rows = list(
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("person", "registered_by")
        .order_by("queued_at", "pk")
    )
    if request.method == "POST":
        attended = request.POST.getlist("attended")
        services.mark_attendance(
            event, [int(pk) for pk in attended if pk.isdigit()], by=request.user
        )
        messages.success(request, "Attendance saved.")
        return redirect("events:registrations", pk=event.pk)
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "registered": [r for r in rows if r.status == Registration.Status.REGISTERED],
            "waitlisted": [r for r in rows if r.status == Registration.Status.WAITLISTED],
            "is_past": event.start <= timezone.now(),
        },
    )


@require_POST
@officer_required
def officer_cancel(request, pk, registration_pk):
    event = _officer_event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    services.cancel(registration, by=request.user)
    messages.success(request, f"Cancelled {registration.person.display_name}'s registration.")
    return redirect("events:registrations", pk=event.pk)


@officer_required
def registrations_csv(request, pk):
    event = _officer_event(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    writer = csv.writer(response)
    writer.writerow(["Name", "Email", "Status", "Since", "Registered by", "Attended"])
    rows = (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("person", "registered_by")
        .order_by("status", "queued_at", "pk")
    )
    for row in rows:
        writer.writerow(
            [
                _csv_safe(row.person.display_name),
                row.person.email,
                row.get_status_display(),
                timezone.localtime(row.queued_at).strftime("%Y-%m-%d %H:%M"),
                _csv_safe(row.registered_by.display_name) if row.registered_by else "",
                {True: "yes", False: "no", None: ""}[row.attended],
            ]
        )
    return response


def _csv_safe(value):
    # Spreadsheet programs run cells starting with these as formulas.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@officer_required
def message_registrants(request, pk):
    event = _officer_event(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.message_registrants(
            event,
            subject=form.cleaned_data["subject"],
            message=form.cleaned_data["message"],
            include_waitlist=form.cleaned_data["include_waitlist"],
            by=request.user,
        )
        messages.success(request, f"Your message is on its way to {count} people.")
        return redirect("events:registrations", pk=event.pk)
    return render(request, "events/message.html", {"event": event, "form": form})


@officer_required
def feedback_summary(request, pk):
    event = _officer_event(request, pk)
    feedback = Feedback.objects.filter(event=event).select_related("person")
    summary = feedback.aggregate(average=Avg("rating"), count=Count("pk"))
    distribution = dict(
        feedback.values_list("rating").annotate(n=Count("pk")).values_list("rating", "n")
    )
    return render(
        request,
        "events/feedback_summary.html",
        {
            "event": event,
            "feedback": feedback.order_by("-created_at"),
            "summary": summary,
            "distribution": [(n, distribution.get(n, 0)) for n in range(5, 0, -1)],
        },
    )


@member_required
def add_material(request, pk):
    """Officers and facilitators add a recording, slides or notes after the event."""
    event = _visible_event(request, pk)
    if not roles.is_programme_team(request.user):
        raise PermissionDenied("Only the programme team can add recordings and notes.")
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = None
        if data["file"]:
            # Straight into the restricted collection: never in Root, not even for a moment.
            document = get_document_model().objects.create(
                title=data["title"],
                file=data["file"],
                uploaded_by_user=request.user,
                collection=documents.private_collection(),
            )
        services.add_material(
            event,
            kind=data["kind"],
            title=data["title"],
            url=data["url"],
            document=document,
            notes=data["notes"],
            by=request.user,
        )
        audience = "the event's group" if event.is_group_only else "programme members"
        messages.success(request, f"Added to the event page, where only {audience} can see it.")
        return redirect(event.url)
    return render(request, "events/add_material.html", {"event": event, "form": form})


# Feedback --------------------------------------------------------------------------------


@member_required
def feedback(request, pk):
    event = _visible_event(request, pk)
    registered = Registration.objects.filter(
        event=event, person=request.user, status=Registration.Status.REGISTERED
    ).exists()
    if not registered or event.start > timezone.now():
        raise PermissionDenied("Feedback is for people who registered, once the event starts.")
    existing = Feedback.objects.filter(event=event, person=request.user).first()
    form = FeedbackForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        services.submit_feedback(
            event,
            request.user,
            rating=form.cleaned_data["rating"],
            valuable=form.cleaned_data["valuable"],
            next_wanted=form.cleaned_data["next_wanted"],
        )
        messages.success(request, "Thank you: your feedback helps us plan what comes next.")
        return redirect(event.url)
    return render(request, "events/feedback.html", {"event": event, "form": form})


# Topic ideas -----------------------------------------------------------------------------


@member_required
def ideas(request):
    """The board: ideas with their support, most supported first; briefing ideas marked."""
    user = request.user
    status = request.GET.get("status", "open")
    board = (
        TopicIdea.objects.select_related("proposed_by", "origin_page", "scheduled_event")
        .prefetch_related("themes")
        .annotate(
            support_count=Count("supports", distinct=True),
            supported=Exists(TopicSupport.objects.filter(idea=OuterRef("pk"), person=user)),
        )
    )
    if status == "open":
        board = board.filter(status__in=[TopicIdea.Status.PROPOSED, TopicIdea.Status.PLANNED])
    elif status == "briefings":
        board = board.filter(origin_page__isnull=False)
    elif status in TopicIdea.Status.values:
        board = board.filter(status=status)
    board = board.order_by("-support_count", "-created_at")
    page = Paginator(board, 30).get_page(request.GET.get("page"))
    # A draft event made from an idea is not shown to members until it is live.
    for idea in page:
        event = idea.scheduled_event
        idea.visible_event = event if event and event.live and _can_view(event, user) else None
    return render(
        request,
        "events/ideas.html",
        {
            "page": page,
            "status": status,
            "form": TopicIdeaForm(),
            "is_officer": roles.is_officer(user),
            "statuses": TopicIdea.Status.choices,
        },
    )


def _can_view(event, user):
    return event.specific.can_view(user)


@member_required
def propose_idea(request):
    form = TopicIdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.propose_topic_idea(
            request.user,
            form.cleaned_data["title"],
            form.cleaned_data["description"],
            themes=form.cleaned_data["themes"],
        )
        messages.success(request, "Thank you: your idea is on the board.")
        return redirect("events:ideas")
    return render(request, "events/propose_idea.html", {"form": form})


@require_POST
@member_required
def support_idea(request, pk):
    idea = get_object_or_404(TopicIdea, pk=pk)
    if request.POST.get("withdraw"):
        services.withdraw_topic_support(request.user, idea)
        messages.success(request, f"You no longer support “{idea.title}”.")
    elif services.support_topic_idea(request.user, idea):
        messages.success(request, f"You support “{idea.title}”.")
    else:
        messages.info(request, f"You already support “{idea.title}”.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("events:ideas")
    return redirect(target)


@require_POST
@officer_required
def idea_status(request, pk):
    idea = get_object_or_404(TopicIdea, pk=pk)
    status = request.POST.get("status")
    if status not in (
        TopicIdea.Status.PROPOSED,
        TopicIdea.Status.PLANNED,
        TopicIdea.Status.DECLINED,
    ):
        raise Http404
    services.set_topic_status(idea, status, by=request.user)
    messages.success(request, f"“{idea.title}” is now {idea.get_status_display().lower()}.")
    return redirect("events:ideas")


@require_POST
@officer_required
def idea_to_event(request, pk):
    """Make a draft event pre-filled from the idea and open it in the editor."""
    idea = get_object_or_404(TopicIdea, pk=pk)
    index = EventIndexPage.objects.first()
    if index is None:
        raise Http404("There is no events index page yet.")
    event = services.draft_event_from_topic(idea, by=request.user, index_page=index)
    return redirect("wagtailadmin_pages:edit", event.pk)


@member_required
def idea_detail(request, pk):
    idea = get_object_or_404(
        TopicIdea.objects.select_related("proposed_by", "origin_page").annotate(
            support_count=Count("supports")
        ),
        pk=pk,
    )
    supported = TopicSupport.objects.filter(idea=idea, person=request.user).exists()
    event = idea.scheduled_event
    visible_event = event if event and event.live and _can_view(event, request.user) else None
    return render(
        request,
        "events/idea_detail.html",
        {
            "idea": idea,
            "supported": supported,
            "visible_event": visible_event,
            "is_officer": roles.is_officer(request.user),
        },
    )
