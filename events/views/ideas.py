"""The topic ideas board: propose, support, and officers' planning."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from events import services
from events.forms import HostOfferForm, TopicIdeaForm
from events.models import EventIndexPage, HostOffer, TopicIdea, TopicSupport
from hub.core.services import ServiceError, apply_service_error
from hub.moderation.pages import save_through
from hub.people import roles
from hub.people.decorators import member_required, officer_required


@member_required
def ideas(request):
    """The board: ideas with their support, most supported first; briefing ideas marked."""
    user = request.user
    status = request.GET.get("status", "open")
    board = (
        TopicIdea.objects.visible_to(user)
        .select_related("proposed_by", "origin_page", "scheduled_event")
        .prefetch_related("themes")
        .annotate(
            support_count=Count("supports", distinct=True),
            supported=Exists(
                TopicSupport.objects.visible_to(user).filter(idea=OuterRef("pk"), person=user)
            ),
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
        idea.visible_event = event if event and event.specific.can_view(user) else None
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


@member_required
def propose_idea(request):
    form = TopicIdeaForm(request.POST or None)
    done = save_through(
        request,
        form,
        lambda data: services.propose_topic_idea(
            request.user, data["title"], data["description"], themes=data["themes"]
        ),
        "Thank you: your idea is on the board.",
        then="events:ideas",
    )
    return done or render(request, "events/propose_idea.html", {"form": form})


@require_POST
@member_required
def support_idea(request, pk):
    idea = get_object_or_404(TopicIdea.objects.visible_to(request.user), pk=pk)
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
    idea = get_object_or_404(TopicIdea.objects.visible_to(request.user), pk=pk)
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
    idea = get_object_or_404(TopicIdea.objects.visible_to(request.user), pk=pk)
    index = EventIndexPage.objects.first()
    if index is None:
        raise Http404("There is no events index page yet.")
    offer = None
    if request.POST.get("offer", "").isdigit():
        offer = get_object_or_404(
            HostOffer.objects.visible_to(request.user).select_related("partnership"),
            pk=request.POST["offer"],
            idea=idea,
        )
    event = services.draft_event_from_topic(
        idea, by=request.user, index_page=index, host_offer=offer
    )
    if offer is not None:
        messages.success(request, f"{offer.partnership.name} hosts this event.")
    return redirect("wagtailadmin_pages:edit", event.pk)


def _offer_form(request, idea, data=None):
    """The "offer to host" form, for people whose partnerships have not offered yet."""
    offered = HostOffer.objects.filter(idea=idea).values("partnership_id")
    partnerships = roles.partnerships_of(request.user).filter(active=True).exclude(pk__in=offered)
    if idea.status in (TopicIdea.Status.SCHEDULED, TopicIdea.Status.DECLINED):
        return None
    if not partnerships.exists():
        return None
    return HostOfferForm(data, partnerships=partnerships, prefix="offer")


@require_POST
@member_required
def offer_to_host(request, pk):
    idea = get_object_or_404(TopicIdea.objects.visible_to(request.user), pk=pk)
    form = _offer_form(request, idea, request.POST)
    if form is not None and form.is_valid():
        try:
            offer = services.offer_to_host(
                request.user, idea, form.cleaned_data["partnership"], note=form.cleaned_data["note"]
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Thank you: {offer.partnership.name} has offered to host.")
            return redirect(idea)
    if form is None:
        messages.error(request, "Your partnership cannot offer to host this idea.")
        return redirect(idea)
    return idea_detail(request, pk, offer_form=form)


@member_required
def idea_detail(request, pk, offer_form=None):
    idea = get_object_or_404(
        TopicIdea.objects.visible_to(request.user)
        .select_related("proposed_by", "origin_page")
        .annotate(support_count=Count("supports")),
        pk=pk,
    )
    supported = (
        TopicSupport.objects.visible_to(request.user).filter(idea=idea, person=request.user)
    ).exists()
    event = idea.scheduled_event
    visible_event = event if event and event.specific.can_view(request.user) else None
    return render(
        request,
        "events/idea_detail.html",
        {
            "idea": idea,
            "supported": supported,
            "visible_event": visible_event,
            "is_officer": roles.is_officer(request.user),
            "offers": HostOffer.objects.visible_to(request.user)
            .filter(idea=idea)
            .select_related("partnership", "offered_by"),
            "offer_form": offer_form or _offer_form(request, idea),
            # The offer sent back with its errors: the title says so, as every form's does.
            "error_title": bool(offer_form is not None and offer_form.errors),
        },
        status=400 if offer_form is not None and offer_form.errors else 200,
    )
