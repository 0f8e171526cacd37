"""The learning framework's pages: the framework, a meeting, recording a meeting, the
journey (page, CSV, PDF) and what went well."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.core.services import ServiceError
from hub.learning import evidence, journey, services
from hub.learning.forms import IndicatorForm, MeetingForm, RewordForm, WentWellForm
from hub.learning.models import (
    Framework,
    Indicator,
    MeetingAction,
    ProgrammeIndicator,
    ReflectionMeeting,
    WentWell,
)
from hub.moderation.pages import form_page, save_through
from hub.people.decorators import member_required
from hub.people.models import Partnership


def _framework(request, slug):
    """The framework of a partnership the person may see something of (404 otherwise)."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), slug=slug)
    framework = Framework.objects.filter(partnership=partnership).first()
    if framework is None:
        framework = Framework(partnership=partnership)
        if not framework.in_room(request.user):
            raise Http404
        framework.save()
    if not framework.can_view(request.user):
        raise Http404
    framework.partnership = partnership
    return framework


def _in_room(request, slug):
    framework = _framework(request, slug)
    if not framework.in_room(request.user):
        raise PermissionDenied("This is for the partnership and its facilitator.")
    return framework


@member_required
def framework_page(request, slug):
    framework = _framework(request, slug)
    user = request.user
    in_room = framework.in_room(user)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST":
        if not in_room:
            raise PermissionDenied
        done = save_through(
            request,
            form,
            lambda data: services.add_indicator(framework, by=user, **data),
            "The indicator is in your framework.",
            then=reverse("learning:framework", args=[slug]),
        )
        if done:
            return done
    meetings = (
        ReflectionMeeting.objects.visible_to(user)
        .filter(framework=framework)
        .select_related("framework__partnership")
    )
    context = {
        "framework": framework,
        "partnership": framework.partnership,
        "in_room": in_room,
        "indicators": Indicator.objects.visible_to(user)
        .filter(framework=framework)
        .select_related("adopted_from")
        .prefetch_related("versions"),
        "meetings": meetings.order_by("-held_on", "-pk"),
        "offered": ProgrammeIndicator.objects.visible_to(user).exclude(
            adoptions__framework=framework
        )
        if in_room
        else [],
        "form": form,
    }
    return render(request, "learning/framework.html", context, status=400 if form.errors else 200)


@member_required
@require_POST
def adopt(request, slug, pk):
    framework = _in_room(request, slug)
    offered = get_object_or_404(ProgrammeIndicator.objects.visible_to(request.user), pk=pk)
    try:
        services.adopt(framework, offered, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"“{offered.words}” is in your framework. You can change its words."
        )
    return redirect("learning:framework", slug)


def _indicator_form(request, framework, form, change, done, **context):
    """An indicator's form page: on a valid POST, ``change(data)`` and back to the framework;
    otherwise the form (again, with what was typed)."""
    return save_through(
        request,
        form,
        change,
        done,
        then=reverse("learning:framework", args=[framework.partnership.slug]),
    ) or form_page(
        request,
        "learning/indicator_form.html",
        form,
        partnership=framework.partnership,
        **context,
    )


@member_required
def adapt(request, slug, pk):
    """Adopt a programme-wide indicator in the partnership's own words (the link stays)."""
    framework = _in_room(request, slug)
    offered = get_object_or_404(ProgrammeIndicator.objects.visible_to(request.user), pk=pk)
    initial = {"words": offered.words, "why": offered.why}
    form = IndicatorForm(request.POST or None, initial=initial)
    return _indicator_form(
        request,
        framework,
        form,
        lambda data: services.adopt(framework, offered, by=request.user, **data),
        "The indicator is in your framework, in your words.",
        offered=offered,
        title="Adapt an indicator the learning team offers",
        button="Add it in our words",
    )


@member_required
def reword(request, slug, pk):
    """New words for an indicator: a new version, so earlier meetings keep theirs."""
    framework = _in_room(request, slug)
    indicator = get_object_or_404(
        framework.indicators.prefetch_related("versions"), pk=pk, retired_on__isnull=True
    )
    initial = {"words": indicator.words, "why": indicator.why, "proposed_by": indicator.proposed_by}
    form = RewordForm(request.POST or None, initial=initial)
    return _indicator_form(
        request,
        framework,
        form,
        lambda data: services.change_indicator(indicator, by=request.user, **data),
        "The new words are kept. Earlier meetings keep the words they used.",
        indicator=indicator,
        versions=list(indicator.versions.all()),
        title="Change the words of an indicator",
        button="Keep the new words",
    )


@member_required
def meeting_page(request, slug, pk):
    framework = _framework(request, slug)
    meeting = get_object_or_404(
        ReflectionMeeting.objects.visible_to(request.user).filter(framework=framework), pk=pk
    )
    in_room = meeting.shows_record_to(request.user)
    context = {"framework": framework, "partnership": framework.partnership, "meeting": meeting}
    context["in_room"] = in_room
    if in_room:
        judgements = meeting.judgements.select_related("version", "evidence_type")
        context["judgements"] = [
            (j, thing, evidence.label_of(thing) if thing else "")
            for j in judgements.prefetch_related(evidence.prefetch())
            for thing in [j.evidence_for(request.user)]
        ]
        context["actions"] = meeting.actions.select_related("owner", "review")
        context["reviews"] = meeting.reviews.select_related("action")
    return render(request, "learning/meeting.html", context)


@member_required
def new_meeting(request, slug):
    framework = _in_room(request, slug)
    indicators = list(framework.indicators.filter(retired_on__isnull=True))
    open_actions = list(
        MeetingAction.objects.filter(meeting__framework=framework, status="open")
        .select_related("meeting", "owner")
        .order_by("meeting__held_on", "pk")
    )
    form = MeetingForm(
        request.POST or None,
        indicators=indicators,
        open_actions=open_actions,
        people=services.room_people(framework),
        viewer=request.user,
    )
    searched = ""
    if request.method == "POST" and request.POST.get("find"):
        # "Find" only looks for evidence: nothing is saved and nothing is refused yet.
        form.full_clean()
        form._errors = ErrorDict()
        searched = _found_words(form, request.POST.get("find"))
    else:
        done = save_through(
            request,
            form,
            lambda data: services.record_meeting(
                framework,
                held_on=data["held_on"],
                noticed=data["noticed"],
                roles_present=data["roles_present"],
                summary=data["summary"],
                judgements=form.judgements(),
                new_actions=form.new_actions(),
                reviews=form.reviews(),
                by=request.user,
            ),
            "The meeting is recorded.",
        )
        if done:
            return done
    context = {
        "framework": framework,
        "partnership": framework.partnership,
        "form": form,
        "parts": form.parts(),
        "searched": searched,
    }
    return render(
        request, "learning/meeting_form.html", context, status=400 if form.errors else 200
    )


def _found_words(form, pk):
    """What the search found, said once at the top of the page."""
    indicator = next((i for i in form.indicators if str(i.pk) == pk), None)
    if indicator is None:
        return ""
    found = len(form.fields[f"evidence_{pk}"].choices) - 1
    if not form.data.get(f"find_{pk}", "").strip():
        return f"Write some words to look for evidence for “{indicator.words}”."
    if found == 0:
        return f"Nothing you can see matches those words. Try others for “{indicator.words}”."
    return f"Choose the evidence for “{indicator.words}” below ({found} to choose from)."


@member_required
@require_POST
def share_summary(request, slug, pk):
    framework = _in_room(request, slug)
    meeting = get_object_or_404(framework.meetings, pk=pk)
    share = request.POST.get("share") == "yes"
    try:
        services.share_summary(meeting, share=share, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "The summary is shared with the programme."
            if share
            else "The summary is private again.",
        )
    return redirect(meeting)


@member_required
@require_POST
def share_journey(request, slug, pk):
    framework = _in_room(request, slug)
    indicator = get_object_or_404(framework.indicators, pk=pk)
    share = request.POST.get("share") == "yes"
    services.share_journey(indicator, share=share, by=request.user)
    messages.success(
        request,
        "This indicator's journey is shared with the programme."
        if share
        else "This journey is private again.",
    )
    return redirect("learning:journey", slug)


def _journey(request, slug):
    framework = _framework(request, slug)
    in_room = framework.in_room(request.user)
    return framework, in_room, journey.lines(framework, request.user, in_room=in_room)


@member_required
def journey_page(request, slug):
    framework, in_room, lines = _journey(request, slug)
    context = {
        "framework": framework,
        "partnership": framework.partnership,
        "in_room": in_room,
        "lines": lines,
        "chart": journey.chart_context(),
    }
    return render(request, "learning/journey.html", context)


@member_required
def journey_csv(request, slug):
    framework, in_room, lines = _journey(request, slug)
    response = HttpResponse(
        journey.as_csv(lines, in_room=in_room),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{framework.partnership.slug}-journey.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def journey_pdf(request, slug):
    framework, in_room, lines = _journey(request, slug)
    try:
        pdf = journey.as_pdf(framework, lines, in_room=in_room)
    except (ImportError, OSError) as error:
        raise Http404("PDFs cannot be made here.") from error
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{framework.partnership.slug}-journey.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def went_well_page(request, slug, pk):
    post = get_object_or_404(
        WentWell.objects.visible_to(request.user).select_related("partnership", "author"),
        pk=pk,
        partnership__slug=slug,
    )
    return render(request, "learning/went_well.html", {"post": post})


@member_required
def new_went_well(request, slug):
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), slug=slug)
    if not services.can_post_went_well(request.user, partnership):
        raise PermissionDenied(f"Only the people of {partnership.name} post what went well.")
    form = WentWellForm(request.POST or None)
    done = save_through(
        request,
        form,
        lambda data: services.post_went_well(partnership, by=request.user, **data),
        "Thank you for sharing what went well.",
    )
    return done or form_page(request, "learning/went_well_form.html", form, partnership=partnership)
