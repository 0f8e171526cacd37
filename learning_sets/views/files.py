"""The set's small shared area: listing, adding, downloading (checked) and removing files."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.core.private_files import private_file_response
from hub.people.decorators import member_required
from learning_sets import services
from learning_sets.forms import FileForm
from learning_sets.models import SetFile
from learning_sets.views.base import (
    in_space_or_404,
    on_valid_post,
    space_context,
    space_or_403,
    writer_form,
)


@member_required
def files(request, slug):
    learning_set = space_or_403(request, slug)
    user = request.user
    form = writer_form(request, learning_set, FileForm, files=True, user=user)
    if done := on_valid_post(
        request,
        form,
        lambda data: services.upload_file(
            learning_set, uploaded_file=data["file"], title=data["title"], by=user
        ),
        message="File added.",
        then=reverse("learning_sets:files", args=[slug]),
    ):
        return done
    set_files = (
        SetFile.objects.visible_to(user)
        .filter(learning_set=learning_set)
        .select_related("uploaded_by", "learning_set")
    )
    return render(
        request,
        "learning_sets/files.html",
        space_context(
            request,
            learning_set,
            # Each file with whether this person may remove it (its uploader, a facilitator).
            files=[
                (f, services.may_act_for(learning_set, user, f.uploaded_by_id)) for f in set_files
            ],
            form=form,
            space_page="files",
        ),
    )


@member_required
def file_download(request, slug, pk):
    _, set_file = in_space_or_404(request, slug, SetFile.objects, pk)
    return private_file_response(
        request.user,
        set_file,
        set_file.file,
        filename=set_file.original_name,
        content_type=set_file.content_type,
    )


@member_required
@require_POST
def file_delete(request, slug, pk):
    _, set_file = in_space_or_404(request, slug, SetFile.objects, pk)
    services.delete_file(set_file, request.user)
    messages.success(request, "File removed.")
    return redirect("learning_sets:files", slug=slug)
