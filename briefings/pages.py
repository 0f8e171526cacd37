"""What the briefing pages show and do: their context, and the briefing page's routes
(respond, edit and delete a response, propose a topic idea, download the PDF).

The page models call these functions from their ``get_context`` and RoutablePageMixin
routes, so the models import no views. Templates get their decisions (who may change a
response, who is asked to sign in) from the context built here.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from hub.core import thanks
from hub.core.ratelimit import rate_limited
from hub.people import roles
from hub.themes.models import Theme

from . import services
from .forms import ResponseForm, TopicIdeaForm
from .pdf import PdfUnavailable, pdf_available, render_briefing_pdf

# --- Context ---------------------------------------------------------------------------------


def index_context(index, request):
    """The briefing list: this person's briefings, filtered by theme and year, a page at a time."""
    briefings = index.briefings_for(request.user)
    theme = None
    theme_slug = request.GET.get("theme") or ""
    if theme_slug:
        theme = Theme.objects.filter(slug=theme_slug).first()
        if theme is not None:
            briefings = briefings.filter(themes=theme)
    year = request.GET.get("year") or ""
    if year:
        # Only a year a date can have: 0 or 10000 would make the database fail.
        if not (year.isdigit() and 1 <= int(year) <= 9999):
            raise BadRequest("No such year.")
        briefings = briefings.filter(publication_date__year=int(year))
    years = [
        day.year
        for day in index.briefings_for(request.user).dates("publication_date", "year", order="DESC")
    ]
    paginator = Paginator(briefings.prefetch_related("themes"), index.per_page)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "briefings": page_obj.object_list,
        "page_obj": page_obj,
        "themes": Theme.objects.all(),
        "selected_theme": theme,
        "selected_year": year,
        "years": years,
        "filter_query": query.urlencode(),
    }


def briefing_context(page, request):
    """One briefing: its themes and related briefings, and for members the responses to each
    prompt (each marked ``may_change`` for its author) with a form to respond."""
    user = request.user
    related = list(page.related_briefings(user))
    # This briefing's themes and the related ones' in one query.
    prefetch_related_objects([page, *related], "themes")
    context = {
        "themes": list(page.themes.all()),
        "authors": list(page.authors.all()),
        "related_briefings": related,
        # The briefings index is the parent page: its address is this one's less the slug.
        "index_url": page.url[: -len(page.slug) - 1] if page.url else None,
        "pdf_available": pdf_available(),
        "show_sign_in_to_respond": not user.is_authenticated,
        "prompt_errors": {},
    }
    if not (roles.is_member(user) and page.prompts):
        return context
    by_prompt = {}
    # Each response's thanks (how many, and whether this person gave one) in the same query.
    for response in thanks.with_thanks(
        page.responses.visible_to(user).select_related("author", "partnership"), user
    ).order_by("created_at"):
        response.may_change = response.can_change(user)
        by_prompt.setdefault(response.prompt_id, []).append(response)
    context["responses_by_prompt"] = by_prompt
    context["prompt_forms"] = {
        prompt_id: ResponseForm(
            user=user, prefix=f"p-{prompt_id}", initial={"prompt_id": prompt_id}
        )
        for prompt_id, _ in page.prompts
    }
    if services.topic_ideas_available():
        context["topic_forms"] = {
            prompt_id: TopicIdeaForm(prefix=f"t-{prompt_id}", initial={"title": text[:150]})
            for prompt_id, text in page.prompts
        }
    return context


# --- Routes ----------------------------------------------------------------------------------


def _members_only(request, page):
    """Visitors are sent to sign in; signed-in people not yet approved are refused."""
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if not roles.is_member(request.user):
        raise PermissionDenied("Only programme members can do this.")
    return None


def _posted_prompt(request, page):
    """(refusal, prompt id) for a member's POST about one of the page's prompts."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"]), None
    refusal = _members_only(request, page)
    if refusal:
        return refusal, None
    prompt_id = request.POST.get("prompt", "")
    if prompt_id not in dict(page.prompts):
        raise Http404("No such prompt")
    return None, prompt_id


def _render_page_with(request, page, **overrides):
    context = page.get_context(request)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(context.get(key), dict):
            context[key].update(value)
        else:
            context[key] = value
    return TemplateResponse(request, page.get_template(request), context)


@rate_limited("response")
def respond(request, page):
    """A member's response to one of the briefing's prompts."""
    refusal, prompt_id = _posted_prompt(request, page)
    if refusal:
        return refusal
    form = ResponseForm(request.POST, user=request.user, prefix=f"p-{prompt_id}")
    if not form.is_valid():
        return _render_page_with(request, page, prompt_forms={prompt_id: form}, error_title=True)
    response = services.respond(
        request.user, page, prompt_id, form.cleaned_data["text"], form.partnership
    )
    messages.success(request, "Thank you: your response is saved.")
    return redirect(f"{page.url}#response-{response.pk}")


def _own_response(request, page, response_id):
    refusal = _members_only(request, page)
    if refusal:
        return refusal, None
    response = get_object_or_404(page.responses, pk=response_id)
    if not response.can_change(request.user):
        raise PermissionDenied("Only the author can change a response.")
    return None, response


def edit_response(request, page, response_id):
    """The author changes their response's words or who may read it."""
    refusal, response = _own_response(request, page, response_id)
    if refusal:
        return refusal
    if request.method == "POST":
        form = ResponseForm(request.POST, user=request.user)
        if form.is_valid():
            services.edit_response(
                request.user, response, form.cleaned_data["text"], form.partnership
            )
            messages.success(request, "Your response is updated.")
            return redirect(f"{page.url}#response-{response.pk}")
    else:
        form = ResponseForm(
            user=request.user,
            initial={
                "prompt_id": response.prompt_id,
                "text": response.text,
                "share_with": str(response.partnership_id or "programme"),
            },
        )
    return TemplateResponse(
        request,
        "briefings/response_edit.html",
        {"page": page, "response": response, "form": form},
    )


def delete_response(request, page, response_id):
    """The author takes their response down, after confirming."""
    refusal, response = _own_response(request, page, response_id)
    if refusal:
        return refusal
    if request.method == "POST":
        services.delete_response(request.user, response)
        messages.success(request, "Your response is deleted.")
        return redirect(page.url)
    return TemplateResponse(
        request, "briefings/response_delete.html", {"page": page, "response": response}
    )


def propose_topic(request, page):
    """A member turns one of the briefing's prompts into a topic idea."""
    refusal, prompt_id = _posted_prompt(request, page)
    if refusal:
        return refusal
    if not services.topic_ideas_available():
        raise Http404("Topic ideas are not available yet")
    form = TopicIdeaForm(request.POST, prefix=f"t-{prompt_id}")
    if not form.is_valid():
        return _render_page_with(
            request,
            page,
            topic_forms={prompt_id: form},
            open_topic_form=prompt_id,
            error_title=True,
        )
    services.propose_topic(
        request.user, page, form.cleaned_data["title"], form.cleaned_data["description"]
    )
    messages.success(
        request,
        "Thank you: your topic idea is on the topic ideas board for others to support.",
    )
    return redirect(f"{page.url}#prompt-{prompt_id}")


def briefing_pdf(request, page):
    """The briefing as a PDF download (404 where WeasyPrint is not installed)."""
    try:
        pdf = render_briefing_pdf(page)
    except PdfUnavailable as error:
        raise Http404("PDFs are not available on this server") from error
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.pdf"'
    return response
