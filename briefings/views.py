"""Views behind a briefing's routes: responses, topic ideas and the PDF download."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from hub.people import roles

from . import services
from .forms import ResponseForm, TopicIdeaForm
from .models import BriefingResponse
from .pdf import PdfUnavailable, render_briefing_pdf


def _members_only(request, page):
    """Visitors are sent to sign in; signed-in people not yet approved are refused."""
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if not roles.is_member(request.user):
        raise PermissionDenied("Only programme members can do this.")
    return None


def _render_page_with(request, page, **overrides):
    context = page.get_context(request)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(context.get(key), dict):
            context[key].update(value)
        else:
            context[key] = value
    return TemplateResponse(request, page.get_template(request), context)


def respond(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refusal = _members_only(request, page)
    if refusal:
        return refusal
    prompt_id = request.POST.get("prompt", "")
    if prompt_id not in dict(page.prompts):
        raise Http404("No such prompt")
    form = ResponseForm(request.POST, user=request.user, prefix=f"p-{prompt_id}")
    if not form.is_valid():
        return _render_page_with(request, page, prompt_forms={prompt_id: form})
    response = services.respond(
        request.user, page, prompt_id, form.cleaned_data["text"], form.partnership
    )
    messages.success(request, "Thank you: your response is saved.")
    return redirect(f"{page.url}#response-{response.pk}")


def _own_response(request, page, response_id):
    response = get_object_or_404(BriefingResponse, pk=response_id, page=page)
    if not response.can_change(request.user):
        raise PermissionDenied("Only the author can change a response.")
    return response


def edit_response(request, page, response_id):
    refusal = _members_only(request, page)
    if refusal:
        return refusal
    response = _own_response(request, page, response_id)
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
    refusal = _members_only(request, page)
    if refusal:
        return refusal
    response = _own_response(request, page, response_id)
    if request.method == "POST":
        services.delete_response(request.user, response)
        messages.success(request, "Your response is deleted.")
        return redirect(page.url)
    return TemplateResponse(
        request, "briefings/response_delete.html", {"page": page, "response": response}
    )


def propose_topic(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refusal = _members_only(request, page)
    if refusal:
        return refusal
    if not services.topic_ideas_available():
        raise Http404("Topic ideas are not available yet")
    prompt_id = request.POST.get("prompt", "")
    if prompt_id not in dict(page.prompts):
        raise Http404("No such prompt")
    form = TopicIdeaForm(request.POST, prefix=f"t-{prompt_id}")
    if not form.is_valid():
        return _render_page_with(
            request, page, topic_forms={prompt_id: form}, open_topic_form=prompt_id
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
    try:
        pdf = render_briefing_pdf(page)
    except PdfUnavailable as error:
        raise Http404("PDFs are not available on this server") from error
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.pdf"'
    return response
