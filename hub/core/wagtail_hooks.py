"""Serving a document asks the things that use it (see hub/core/documents.py)."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from wagtail import hooks

from hub.core import documents


# Before Wagtail's collection check, so a group-only document is a plain 404 for a visitor
# rather than a sign-in page that would confirm it exists.
@hooks.register("before_serve_document", order=-10)
def documents_follow_what_uses_them(document, request):
    decision = documents.access(document, request)
    if decision is documents.Access.ALLOW:
        return None
    if decision is documents.Access.SIGN_IN:
        return redirect_to_login(request.get_full_path())
    raise Http404("No such document.")
