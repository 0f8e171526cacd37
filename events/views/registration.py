"""Registration views: register, cancel, register colleagues and give feedback.

Every view finds its event through ``visible_event`` and changes state through
``events.services``.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from events import services
from events.forms import ColleaguesForm, FeedbackForm
from events.models import Audience, Feedback, Registration
from events.queries import visible_events
from hub.core.services import ServiceError
from hub.people import roles
from hub.people.decorators import member_required


def visible_event(request, pk):
    """The published event ``pk`` if this person may see it, else 404."""
    return get_object_or_404(visible_events(request.user).specific(), pk=pk)


@require_POST
@member_required
def register(request, pk):
    event = visible_event(request, pk)
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
                "The event is full, so you are on the waiting list. We will email you if a place "
                "comes up.",
            )
    return redirect(event.url)


@require_POST
@member_required
def cancel(request, pk):
    event = visible_event(request, pk)
    registration = (
        Registration.objects.visible_to(request.user)
        .filter(
            event=event,
            person=request.user,
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED],
        )
        .first()
    )
    if registration is None:
        messages.info(request, "You were not registered for this event.")
    else:
        was_waitlisted = registration.status == Registration.Status.WAITLISTED
        services.cancel(registration, by=request.user)
        messages.success(
            request,
            "You have left the waiting list." if was_waitlisted else "Your place is cancelled.",
        )
    return redirect(event.url)


@member_required
def register_colleagues(request, pk):
    """A lead registers people from the partnerships they lead (officers: anyone)."""
    event = visible_event(request, pk)
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
            messages.info(request, "On the waiting list: " + ", ".join(results["waitlisted"]) + ".")
        if results["refused"]:
            messages.error(request, "Could not register: " + ", ".join(results["refused"]) + ".")
        return redirect(event.url)
    return render(request, "events/register_colleagues.html", {"event": event, "form": form})


@member_required
def feedback(request, pk):
    event = visible_event(request, pk)
    registered = (
        Registration.objects.visible_to(request.user)
        .filter(event=event, person=request.user, status=Registration.Status.REGISTERED)
        .exists()
    )
    if not registered or event.start > timezone.now():
        raise PermissionDenied("Feedback is for people who registered, once the event starts.")
    existing = Feedback.objects.visible_to(request.user).filter(event=event, person=request.user)
    existing = existing.first()
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
