"""Refusing over-large uploads early: before the body is read, and while it arrives.

Without these a 100 MB body was read into a temporary file before anything looked at its
size (gunicorn faces the internet directly in docker-compose). Now:

- :class:`RequestSizeLimitMiddleware` answers 413 with a plain page when the request says
  (Content-Length) it is bigger than ``HUB_REQUEST_MAX_MB``, before any of it is read;
- :class:`UploadLimitHandler`, first in ``FILE_UPLOAD_HANDLERS``, counts what actually
  arrives and stops the upload (``StopUpload``) as soon as the files together pass
  ``HUB_REQUEST_MAX_MB``, so no temporary file grows past it whatever the request claimed;
  the middleware then answers 413 instead of running the view with a file missing.

A file between a place's own limit (the library's ``HUB_UPLOAD_MAX_MB``, a set's
``HUB_SET_FILE_MAX_MB``) and the request limit reaches the form, which says how big it is and
keeps what the person typed.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse

MB = 1024 * 1024
# Set on the request by the handler when it stopped an upload.
STOPPED_ATTRIBUTE = "_hub_upload_stopped"


def request_max_bytes():
    """The largest request body the hub reads (``HUB_REQUEST_MAX_MB``)."""
    return int(getattr(settings, "HUB_REQUEST_MAX_MB", 26)) * MB


def largest_file_mb():
    """The largest file any page takes (``HUB_UPLOAD_MAX_MB``), for the 413 page."""
    return int(getattr(settings, "HUB_UPLOAD_MAX_MB", 25))


def declared_length(request):
    """The body size the request declares, or None when it declares none (or nonsense)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def too_large_response():
    """A plain page (no database, no session, no template) saying what to do instead."""
    largest = largest_file_mb()
    page = (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>This upload is too large – The hub</title></head><body><main>"
        "<h1>This upload is too large</h1>"
        f"<p>The hub takes files up to {largest} MB. Nothing was saved. Go back, choose a "
        "smaller copy of the file (or share a link to it instead) and try again.</p>"
        '<p><a href="/">Go to the hub’s home page</a></p>'
        "</main></body></html>"
    )
    return HttpResponse(page, status=413, content_type="text/html; charset=utf-8")


class RequestSizeLimitMiddleware:
    """Answer 413 to any request whose declared body is too big, before reading the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request)
        if length is not None and length > request_max_bytes():
            return too_large_response()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Parse an upload before the view runs, so one the handler stopped never reaches it."""
        if request.method == "POST" and request.content_type == "multipart/form-data":
            request.FILES  # noqa: B018 - parsing runs the upload handlers
            if getattr(request, STOPPED_ATTRIBUTE, False):
                return too_large_response()
        return None


class UploadLimitHandler(FileUploadHandler):
    """Count the uploaded files' bytes as they arrive and stop the upload past the limit.

    It passes chunks on to the handlers after it (memory, then temporary file) until the
    limit is passed; the chunk that passes it is never stored.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.total_bytes = 0

    def receive_data_chunk(self, raw_data, start):
        self.total_bytes += len(raw_data)
        if self.total_bytes > request_max_bytes():
            if self.request is not None:
                setattr(self.request, STOPPED_ATTRIBUTE, True)
            raise StopUpload(connection_reset=not self._rest_is_bounded())
        return raw_data

    def file_complete(self, file_size):
        return None  # the handlers after this one make the file

    def _rest_is_bounded(self):
        # With a declared length the middleware has already checked, reading and dropping
        # the rest costs little and lets the browser show the 413 page. Without one, stop
        # reading at once.
        length = declared_length(self.request) if self.request is not None else None
        return length is not None and length <= request_max_bytes()
