"""Wagtail hooks: documents in a restricted collection are for programme members only."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from wagtail import hooks

from hub.people import roles


@hooks.register("before_serve_document")
def programme_documents_for_members(document, request):
    """Wagtail's own check lets in anyone signed in; programme documents need an approved
    member (a person waiting for approval is signed in but not yet in the programme)."""
    if not document.collection.get_view_restrictions().exists():
        return None
    if roles.is_member(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied("Only programme members can download this document.")


from briefings.review import admin_hooks  # noqa: E402, F401  (drafts shared for comment)
