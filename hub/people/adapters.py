"""Hooks into django-allauth: invite-only sign-up, and account emails through the hub's pipeline."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from allauth.account.adapter import DefaultAccountAdapter

from hub.core.mail import send_email
from hub.people.models import Invitation

INVITATION_SESSION_KEY = "hub_invitation_token"
WELCOME_SESSION_KEY = "hub_welcome_after_signup"


def invitation_in_session(request):
    """The usable invitation this visitor arrived through, if any."""
    token = request.session.get(INVITATION_SESSION_KEY) if request else None
    if not token:
        return None
    return Invitation.objects.usable().filter(token=token).select_related("partnership").first()


class HubAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return settings.HUB_OPEN_SIGNUP or invitation_in_session(request) is not None

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        from hub.people.services import accept_invitation

        invitation = invitation_in_session(request)
        user = super().save_user(request, user, form, commit=False)
        # Without an invitation, open sign-up puts people in a queue for approval.
        user.is_approved = invitation is not None
        if commit:
            user.save()
            if invitation is not None:
                accept_invitation(invitation, user)
                request.session.pop(INVITATION_SESSION_KEY, None)
                # The invitation was emailed to this address and the form is fixed to it, so
                # the address is proved: allauth then counts it verified and signs them in,
                # with no "confirm your email" round trip.
                self.stash_verified_email(request, invitation.email)
                request.session[WELCOME_SESSION_KEY] = True
        return user

    def get_signup_redirect_url(self, request):
        """Someone who joined through an invitation ends on the welcome page."""
        if request.session.pop(WELCOME_SESSION_KEY, False):
            return reverse("people:welcome")
        return super().get_signup_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Every account email (confirm address, reset password, password changed, two-step
        changes) through the hub's one pipeline, with the hub's own templates and name.

        allauth's templates follow the hub's <prefix>_subject/_message convention already;
        templates/account/email/ and templates/mfa/email/ give each an HTML part and the
        hub's voice."""
        context = {k: v for k, v in context.items() if k != "request"}
        context.setdefault("email", email)
        send_email(template_prefix, email, context)
