"""Officers' tools for one event: registrations and attendance, the CSV, messages, the
feedback summary and adding materials. Officers get no bypass into group-only events."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wagtail.documents import get_document_model

from events import services
from events.forms import MaterialForm, MessageForm
from events.models import Feedback, Registration
from events.views.registration import visible_event
from hub.core import documents
from hub.moderation.pages import save_through
from hub.people import roles
from hub.people.decorators import member_required, officer_required


@officer_required
def registrations(request, pk):
    """Registrations, the waiting list, attendance and the officer's tools for one event."""
    event = visible_event(request, pk)
    rows = list(
        Registration.objects.visible_to(request.user)
        .filter(event=event)
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
    event = visible_event(request, pk)
    registration = get_object_or_404(
        Registration.objects.visible_to(request.user), pk=registration_pk, event=event
    )
    services.cancel(registration, by=request.user)
    messages.success(request, f"Cancelled {registration.person.display_name}'s registration.")
    return redirect("events:registrations", pk=event.pk)


@officer_required
def registrations_csv(request, pk):
    event = visible_event(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    writer = csv.writer(response)
    writer.writerow(["Name", "Email", "Status", "Since", "Registered by", "Attended"])
    rows = (
        Registration.objects.visible_to(request.user)
        .filter(event=event)
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
    event = visible_event(request, pk)
    form = MessageForm(request.POST or None)
    done = save_through(
        request,
        form,
        lambda data: services.message_registrants(event, by=request.user, **data),
        lambda count: f"Your message is on its way to {count} people.",
        then=reverse("events:registrations", kwargs={"pk": event.pk}),
    )
    return done or render(request, "events/message.html", {"event": event, "form": form})


@officer_required
def feedback_summary(request, pk):
    event = visible_event(request, pk)
    feedback = Feedback.objects.visible_to(request.user).filter(event=event)
    feedback = feedback.select_related("person")
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
    event = visible_event(request, pk)
    if not roles.is_programme_team(request.user):
        raise PermissionDenied("Only the programme team can add recordings and notes.")
    form = MaterialForm(request.POST or None, request.FILES or None, user=request.user)
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
