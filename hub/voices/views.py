"""The voice bank's pages: the bank (for the learning team), a voice, adding and editing,
whose voices are heard, and the check-back page (in the hub, or by an emailed link)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wagtail.models import Page

from hub.core.listing import page_of
from hub.core.services import ServiceError, apply_service_error
from hub.moderation.pages import form_page, save_through
from hub.people.decorators import member_required
from hub.voices import heard, links, services, usage
from hub.voices.forms import CheckForm, FilterForm, VoiceForm
from hub.voices.models import Voice

PER_PAGE = 50


def _team_only(request):
    if not services.can_manage(request.user):
        raise PermissionDenied("The voice bank is for the learning team.")


@member_required
def bank(request):
    _team_only(request)
    filters = FilterForm(request.GET or None)
    voices = filters.apply(
        Voice.objects.visible_to(request.user).select_related("partnership", "speaker")
    )
    page, query = page_of(request, voices.order_by("-changed_at", "-pk"), PER_PAGE)
    used = usage.pages_using([voice.pk for voice in page])
    rows = [(voice, used.get(voice.pk, [])) for voice in page]
    return render(
        request,
        "voices/bank.html",
        {"filters": filters, "rows": rows, "page_obj": page, "query": query},
    )


def _voice_for_team(request, pk):
    _team_only(request)
    return get_object_or_404(
        Voice.objects.visible_to(request.user).select_related("partnership", "speaker"), pk=pk
    )


@member_required
def voice_page(request, pk):
    voice = _voice_for_team(request, pk)
    decisions = voice.decisions.select_related("by")
    return render(
        request,
        "voices/voice.html",
        {
            "voice": voice,
            "decisions": decisions,
            "pages": usage.pages_using([voice.pk]).get(voice.pk, []),
        },
    )


def _initial(voice):
    return {name: getattr(voice, name) for name in VoiceForm.base_fields}


@member_required
def add_voice(request):
    _team_only(request)
    form = VoiceForm(request.POST or None)
    done = save_through(
        request,
        form,
        lambda data: services.record_voice(by=request.user, **data),
        "Voice added. We have asked the person to check their words.",
    )
    return done or form_page(
        request, "voices/voice_form.html", form, heading="Add a voice to the bank"
    )


@member_required
def edit_voice(request, pk):
    voice = _voice_for_team(request, pk)
    form = VoiceForm(request.POST or None, initial=_initial(voice))
    done = save_through(
        request,
        form,
        lambda data: services.edit_voice(voice, by=request.user, **data),
        "Changes saved.",
    )
    return done or form_page(
        request, "voices/voice_form.html", form, voice=voice, heading="Change a voice"
    )


@require_POST
@member_required
def ask_again(request, pk):
    voice = _voice_for_team(request, pk)
    try:
        services.ask_check_back(voice, by=request.user)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "We have asked them again to check their words.")
    return redirect(voice)


def _decide(request, voice, *, by, by_link, template, extra):
    form = CheckForm(request.POST or None, voice=voice)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            voice = services.decide(
                voice,
                data["decision"],
                by=by,
                by_link=by_link,
                quote=data["quote"],
                role=data["role"],
                named=data["named"],
                name=data["name"],
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            return render(request, "voices/check_done.html", {"voice": voice})
    return render(
        request,
        template,
        {"voice": voice, "form": form, **extra},
        status=400 if form.errors else 200,
    )


@member_required
def check(request, pk):
    """The person checks their words in the hub (from the notification)."""
    voice = get_object_or_404(
        Voice.objects.visible_to(request.user).select_related("partnership"), pk=pk
    )
    if not services.can_decide(request.user, voice):
        raise PermissionDenied("Only the person whose words they are can check them.")
    return _decide(
        request, voice, by=request.user, by_link=False, template="voices/check.html", extra={}
    )


def check_by_link(request, token):
    """The person checks their words through the emailed link: no account needed."""
    try:
        voice = links.read(
            token, Voice.objects.exclude(status="withdrawn").select_related("partnership")
        )
    except links.LinkRefused as refused:
        return render(
            request,
            "voices/link_refused.html",
            {"reason": refused.reason},
            status=400 if refused.reason == "tampered" else 403,
        )
    return _decide(
        request, voice, by=None, by_link=True, template="voices/check.html", extra={"by_link": True}
    )


@member_required
def whose_voices(request):
    """Whose voices are heard: the whole bank, or one draft briefing (``?page=<id>``)."""
    _team_only(request)
    page = None
    if request.GET.get("page", "").isdigit():
        page = get_object_or_404(Page.objects.all(), pk=request.GET["page"]).specific
        result = heard.for_page(page)
    else:
        result = heard.for_bank(request.user)
    return render(request, "voices/heard.html", {"heard": result, "page": page})
