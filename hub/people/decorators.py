"""View guards built on the roles module."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from hub.people import roles


def member_required(view):
    """Signed-in and approved. Visitors go to sign in; people awaiting approval are told so."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_member(request.user):
            return render(request, "people/awaiting_approval.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def officer_required(view):
    @wraps(view)
    @member_required
    def wrapper(request, *args, **kwargs):
        if not roles.is_officer(request.user):
            raise PermissionDenied("Only programme officers can do this.")
        return view(request, *args, **kwargs)

    return wrapper
