"""The library's pages: list and search, a resource, sharing, notes, stories, downloads, the
feed and the JSON API. Every path asks ``visible_to``/``can_view``; changes go through services."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hub.core import thanks
from hub.core.listing import page_of
from hub.core.private_files import private_file_response
from hub.core.text_search import CappedPaginator
from hub.library import queries, services
from hub.library.forms import (
    ConsentForm,
    LibraryFilterForm,
    NoteForm,
    ResourceForm,
    partnerships_named,
)
from hub.library.models import Note, Resource, UsefulMark
from hub.moderation.pages import confirm_delete, editable_or_403, save_through
from hub.people import roles
from hub.people.decorators import member_required

PAGE_SIZE = 20


def _refuse(request):
    """Visitors are asked to sign in; members who may not see it get a plain 404 (no leak)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404("No such resource.")


def _get_visible(request, pk, *, allow_hidden=False):
    """The resource if this person may see it (authors and officers may open hidden ones)."""
    resource = get_object_or_404(
        Resource.objects.select_related("partnership", "shared_by", "event"), pk=pk
    )
    allowed = resource.can_open if allow_hidden else resource.can_view
    return resource if allowed(request.user) else None


def library(request):
    """The library page: full-text search, filters by type, theme, partnership and date,
    sorted newest or most useful, paginated."""
    form = LibraryFilterForm(request.GET or None)
    filters, query, sort = {}, "", ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query, sort = data["q"], data["sort"]
        filters = {
            "resource_type": data["type"] or None,
            "theme": data["theme"],
            "partnership": data["partnership"],
        }
        if data["shared"]:
            filters["since"] = timezone.now() - timedelta(days=int(data["shared"]))
    if query:
        results = queries.search_resources(request.user, query, sort=sort or None, **filters)
        # Counted without ranking, and only up to the cap: "more than 1,000".
        matches = queries.search_resources(request.user, query, sort="newest", **filters)
    else:
        results = matches = queries.library_resources(
            request.user, sort=sort or "newest", **filters
        )
    page, querystring = page_of(
        request, results, PAGE_SIZE, paginator=CappedPaginator, count_queryset=matches
    )
    return render(
        request,
        "library/library.html",
        {
            "form": form,
            "page_obj": page,
            "resources": page.object_list,
            "query": query,
            "querystring": querystring,
            "filtered": any(filters.values()) or bool(query),
        },
    )


def partnership_names(request):
    """``?q=`` two or more letters: up to ten partnerships' names for the library's filter, as
    JSON (the picker fetches them as the person types instead of the page embedding every
    partnership)."""
    typed = " ".join("".join(c for c in request.GET.get("q", "") if c.isprintable()).split())
    if len(typed) < 2:
        return JsonResponse({"partnerships": []})
    found = partnerships_named(typed).values_list("name", "slug")
    return JsonResponse({"partnerships": [{"name": name, "slug": slug} for name, slug in found]})


def resource_detail(request, pk):
    resource = _get_visible(request, pk, allow_hidden=True)
    if resource is None:
        return _refuse(request)
    user = request.user
    # The resource is open to this person already: its notes are those nobody has hidden.
    # Each note's thanks come in the same query as the notes.
    notes = list(
        thanks.with_thanks(resource.notes.live().select_related("author"), user).order_by(
            "-created_at", "-pk"
        )
    )
    is_member = roles.is_member(user)
    for note in notes:
        note.may_edit = note.can_edit(user)
        note.may_report = is_member and note.author_id != user.pk
    consent = getattr(resource, "consent", None) if resource.is_story else None
    context = {
        "resource": resource,
        "notes": notes,
        "note_form": NoteForm() if is_member and resource.is_live else None,
        "related": queries.related_resources(resource, user),
        "themes": list(resource.themes.all()),
        "can_edit": resource.can_edit(user),
        "can_withdraw": services.can_withdraw(resource, user),
        "can_mark_useful": is_member and resource.is_live,
        "can_report": is_member and resource.is_live and resource.shared_by_id != user.pk,
        "is_member": is_member,
        "marked_useful": is_member
        and UsefulMark.objects.filter(resource=resource, person=user).exists(),
        "from_questions": _answers_filed_as(resource, user),
        "consent": consent if consent and consent.can_view(user) else None,
        "consent_missing": resource.is_story and consent is None and resource.can_edit(user),
    }
    if roles.is_officer(user):
        context["revisions"] = list(resource.revisions.select_related("edited_by"))
    return render(request, "library/resource_detail.html", context)


def _answers_filed_as(resource, user):
    """Answers filed into the library as this resource ("from the questions"), if that app
    links them. Found by reverse relation so the library never imports the questions app."""
    for relation in resource._meta.related_objects:
        if relation.related_model._meta.label != "questions.Answer":
            continue
        answers = getattr(resource, relation.get_accessor_name()).select_related("question")
        return [
            answer for answer in answers if not hasattr(answer, "can_view") or answer.can_view(user)
        ]
    return []


def download(request, pk):
    """Serve an uploaded file only to people who may see the resource: never via MEDIA_URL."""
    resource = _get_visible(request, pk)
    if resource is None:
        return _refuse(request)
    if resource.kind != Resource.Kind.FILE or not resource.file:
        raise Http404("This resource has no file.")
    return private_file_response(
        request.user,
        resource,
        resource.file,
        filename=resource.file_name,
        content_type=resource.content_type,
    )


@member_required
def share(request):
    """Share a resource: a file, a link or a video (keyboard-friendly, one page)."""
    form = ResourceForm(request.POST or None, request.FILES or None, user=request.user)
    done = save_through(
        request,
        form,
        lambda data: services.share_resource(shared_by=request.user, **form.service_fields()),
        "Thank you: your resource is in the library.",
    )
    return done or render(request, "library/resource_form.html", {"form": form, "editing": False})


def _editable(request, pk):
    """The resource if this person may change it (hidden ones too, so authors can fix them)."""
    resource = _get_visible(request, pk, allow_hidden=True)
    if resource is None:
        raise Http404("No such resource.")
    return editable_or_403(
        resource, request.user, "Only the person who shared this, or an officer, can change it."
    )


@member_required
def edit(request, pk):
    resource = _editable(request, pk)
    form = ResourceForm(
        request.POST or None, request.FILES or None, instance=resource, user=request.user
    )
    done = save_through(
        request,
        form,
        lambda data: services.edit_resource(resource, by=request.user, **form.service_fields()),
        "Your changes are saved.",
    )
    return done or render(
        request, "library/resource_form.html", {"form": form, "editing": True, "resource": resource}
    )


@member_required
def delete(request, pk):
    resource = _editable(request, pk)
    return confirm_delete(
        request,
        resource,
        delete=services.delete_resource,
        kind="resource",
        done=f"“{resource.title}” is deleted.",
        then="library:list",
    )


@member_required
@require_POST
def add_note(request, pk):
    resource = _get_visible(request, pk)
    if resource is None:
        raise Http404("No such resource.")
    form = NoteForm(request.POST)
    done = save_through(
        request,
        form,
        lambda data: services.add_note(resource, author=request.user, body=data["body"]),
        "Thank you for adding what you learned.",
    )
    return done or render(
        request, "library/note_form.html", {"form": form, "resource": resource}, status=400
    )


def _editable_note(request, pk):
    note = get_object_or_404(Note.objects.select_related("resource", "author"), pk=pk)
    if not note.resource.can_view(request.user) or not note.can_edit(request.user):
        raise Http404("No such note.")
    return note


@member_required
def edit_note(request, pk):
    note = _editable_note(request, pk)
    form = NoteForm(request.POST or None, instance=note)
    done = save_through(
        request,
        form,
        lambda data: services.edit_note(note, by=request.user, body=data["body"]),
        "Your note is updated.",
    )
    return done or render(
        request, "library/note_form.html", {"form": form, "resource": note.resource, "note": note}
    )


@member_required
def delete_note(request, pk):
    note = _editable_note(request, pk)
    return confirm_delete(
        request,
        note,
        delete=services.delete_note,
        kind="note",
        done="Your note is deleted.",
        then=note.resource,
    )


@member_required
@require_POST
def toggle_useful(request, pk):
    resource = _get_visible(request, pk)
    if resource is None:
        raise Http404("No such resource.")
    if request.POST.get("useful") == "0":
        services.unmark_useful(resource, person=request.user)
        messages.success(request, "Your “useful” mark is taken off.")
    else:
        services.mark_useful(resource, person=request.user)
        messages.success(request, "Marked as useful. Thank you.")
    return redirect(resource)


@member_required
def consent(request, pk):
    """Record or update a story's consent."""
    resource = _get_visible(request, pk)
    if resource is None or not resource.is_story:
        raise Http404("No such story.")
    if not resource.can_edit(request.user):
        raise PermissionDenied("Only the person who shared this story, or an officer, can.")
    existing = getattr(resource, "consent", None)
    initial = {}
    if existing is not None:
        initial = {
            "consented_by": existing.consented_by,
            "use": existing.use,
            "anonymised": existing.anonymised,
            "review_date": existing.review_date,
        }
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_consent(
            resource,
            by=request.user,
            teller=existing.teller if existing else None,
            **form.cleaned_data,
        )
        messages.success(request, "The story's consent is recorded.")
        return redirect(resource)
    return render(request, "library/consent_form.html", {"form": form, "resource": resource})


@member_required
def withdraw(request, pk):
    """The teller (or the sharer, or an officer) withdraws a story: hidden at once."""
    resource = _get_visible(request, pk)
    if resource is None or not resource.is_story:
        raise Http404("No such story.")
    if not services.can_withdraw(resource, request.user):
        raise PermissionDenied("Only the story's teller, its sharer or an officer can.")
    if request.method == "POST":
        services.withdraw_story(resource, by=request.user)
        messages.success(request, "The story is withdrawn. Nobody can see it now.")
        return redirect("library:list")
    return render(request, "library/withdraw.html", {"resource": resource})


class PublicResourcesFeed(Feed):
    """RSS of the newest public resources (what a visitor may see, and nothing else)."""

    title = "The hub: new in the library"
    description = "Resources the programme's partnerships share publicly."

    def link(self):
        return reverse("library:list")

    def items(self):
        return queries.new_resources(AnonymousUser(), limit=30)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


def api_resources(request):
    """JSON list of the resources this person may see, newest first, 50 a page."""
    qs = queries.library_resources(request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    build = request.build_absolute_uri
    data = [
        {
            "id": resource.pk,
            "title": resource.title,
            "description": resource.description,
            "type": resource.resource_type,
            "kind": resource.kind,
            "visibility": resource.visibility,
            "url": build(resource.get_absolute_url()),
            "link": resource.url or None,
            "download_url": build(resource.get_download_url()) if resource.file else None,
            "themes": [theme.name for theme in resource.themes.all()],
            "partnership": resource.partnership.name if resource.partnership else None,
            "useful_count": resource.useful_count,
            "note_count": resource.note_count,
            "created_at": resource.created_at.isoformat(),
        }
        for resource in page.object_list
    ]
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": data,
        }
    )
