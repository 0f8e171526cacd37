"""The people directory, profile pages, the profile-edit form and profile pictures.

Members only: visitors are sent to sign in. Who may be found or seen is ``User.visible_to`` /
``User.can_view`` (people choose whether they appear; email only if they choose to show it).
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from hub.core.listing import page_of
from hub.core.whats_new import profile_sections
from hub.people import avatars, roles
from hub.people.decorators import member_required
from hub.people.directory import for_cards, people_for
from hub.people.forms import DirectoryFilterForm, ProfileForm
from hub.people.models import User

PER_PAGE = 24


@member_required
def directory(request):
    form = DirectoryFilterForm(request.GET or None, viewer=request.user)
    filters = form.filters() if request.GET else {}
    page, query = page_of(request, people_for(request.user, **filters), PER_PAGE)
    return render(
        request,
        "people/directory.html",
        {
            "filter_form": form,
            "page": page,
            "people": page.object_list,
            "filtered": any(filters.values()),
            "query_string": query,
            "in_directory": request.user.in_directory,
        },
    )


@member_required
def profile(request, pk):
    person = get_object_or_404(User, pk=pk, is_active=True)
    if not person.can_view(request.user):
        # Their name is already beside what they post; nothing else of the profile is shown.
        return render(request, "people/profile_hidden.html", {"person": person}, status=404)
    person = for_cards(User.objects.filter(pk=pk), request.user).prefetch_related("themes").get()
    return render(
        request,
        "people/profile.html",
        {
            "person": person,
            "is_self": person.pk == request.user.pk,
            # Officers close accounts when the person asks them to (by email, by phone...).
            "can_close": person.pk != request.user.pk and roles.is_officer(request.user),
            "sections": profile_sections(request.user, person),
        },
    )


@member_required
def edit_profile(request):
    person = request.user
    form = ProfileForm(request.POST or None, request.FILES or None, instance=person)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if getattr(form, "small_picture", None):
                avatars.store(person, form.small_picture)
            elif form.cleaned_data.get("remove_picture"):
                avatars.remove_avatar(person)
        roles.forget(person)
        messages.success(request, "Your profile is saved.")
        return redirect("people:profile", pk=person.pk)
    return render(request, "people/profile_edit.html", {"form": form})


@require_GET
@member_required
def avatar(request, pk):
    """A person's picture, for those who may see their profile (never cached publicly)."""
    person = get_object_or_404(User, pk=pk, is_active=True)
    if not person.can_view(request.user) or not person.avatar:
        raise Http404("There is no picture here.")
    try:
        with person.avatar.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Http404("The picture is missing.") from None
    response = HttpResponse(data, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, max-age=3600"
    return response
