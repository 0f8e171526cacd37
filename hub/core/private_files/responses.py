"""The one download response for private files."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404


def private_file_response(user, owner, field_file, *, filename, content_type=""):
    """Serve ``field_file`` (a FieldFile of ``owner``) as a download, if ``user`` may see it.

    ``owner.can_view(user)`` is asked here, so no view can serve a file without the check;
    views may ask first to answer visitors with a sign-in page. The file always downloads
    (never shown inline), the browser may not guess another type, a file opened anyway runs
    nothing (sandboxed, no sources), and nothing keeps a copy (a withdrawn or hidden file is
    gone at once, and shared computers keep nothing).
    """
    if not owner.can_view(user):
        raise PermissionDenied("You cannot open this file.")
    if not field_file:
        raise Http404("There is no file here.")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename or "download",
        content_type=content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return as_safe_download(response)


def as_safe_download(response):
    """The headers every uploaded file is served with (library and set files here, Wagtail
    documents in ``hub.core.views.serve_document``): the browser may not guess another type,
    and a file opened anyway (an HTML or SVG upload) runs nothing on the hub's origin."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
