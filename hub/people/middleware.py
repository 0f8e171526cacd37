"""Two gates for the programme team's tools.

Everyone who can open the Wagtail admin (officers, facilitators, superusers) must set up a
second factor before doing anything else; and signed-in people who cannot open the admin are
told so on one page instead of being sent to sign in again (which, as they are signed in,
would send them straight back: a redirect loop).
"""

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from hub.people.roles import can_use_admin, requires_mfa

ALWAYS_ALLOWED = ("/accounts/", "/static/", "/media/", "/favicon.ico")
NOT_FOR_YOU = (
    "The admin is for the programme team: programme officers and facilitators. Everything "
    "you can do as a member is on the hub's own pages."
)


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALWAYS_ALLOWED)
        ):
            if requires_mfa(user) and not self._has_totp(user):
                return redirect(f"{reverse('mfa_activate_totp')}?next={quote(request.path)}")
            if request.path.startswith(reverse("wagtailadmin_home")) and not can_use_admin(user):
                # Shown by templates/403.html in the hub's layout.
                raise PermissionDenied(NOT_FOR_YOU)
        return self.get_response(request)

    @staticmethod
    def _has_totp(user):
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
