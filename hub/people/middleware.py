"""Programme officers and superusers must set up a second factor before doing anything else."""

from django.shortcuts import redirect
from django.urls import reverse

from hub.people.roles import requires_mfa

ALWAYS_ALLOWED = ("/accounts/", "/static/", "/media/", "/favicon.ico")


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALWAYS_ALLOWED)
            and requires_mfa(user)
            and not self._has_totp(user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _has_totp(user):
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
