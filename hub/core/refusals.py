"""Requests the hub refuses, with a page in its own layout: crafted input (400) and too many
requests (429).

- ``RefuseNulMiddleware``: a NUL byte anywhere in the path, the query string, a form field or
  a cookie is never a person's input, and PostgreSQL cannot store or compare one (it would
  answer 500), so the request gets a 400 before any view runs.
- ``bad_request``: the hub's handler400 (``BadRequest`` raised anywhere lands here).
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.shortcuts import render

from hub.core.headers import ContentSecurityPolicyMiddleware

NUL = "\x00"


def _has_nul(values):
    return any(NUL in value for value in values if isinstance(value, str))


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._crafted(request):
            return bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _crafted(request):
        if NUL in request.path_info:
            return True
        if _has_nul([*request.GET.keys(), *(v for _, vs in request.GET.lists() for v in vs)]):
            return True
        if _has_nul([*request.COOKIES.keys(), *request.COOKIES.values()]):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            fields = request.POST
            return _has_nul([*fields.keys(), *(v for _, vs in fields.lists() for v in vs)])
        return False


def _with_page_headers(request, response):
    """The headers every page of the hub's carries (the middleware inside this one never ran)."""
    response = ContentSecurityPolicyMiddleware(lambda request: response).process_response(
        request, response
    )
    response = XFrameOptionsMiddleware(lambda request: response).process_response(request, response)
    response.headers.setdefault("Permissions-Policy", settings.HUB_PERMISSIONS_POLICY)
    return response


def bad_request(request, exception=None):
    """The 400 page, in the hub's layout (the refusal may come before sign-in is known).

    A refusal can come from middleware outside the one that adds a page's usual headers (a NUL
    byte, an unknown host), so the headers are added here too; each is left alone if set."""
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return _with_page_headers(request, render(request, "400.html", status=400))
