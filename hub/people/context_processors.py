"""Puts the viewer's roles in every template as ``hub_role`` (worked out only when used)."""

from django.utils.functional import SimpleLazyObject

from hub.people import roles as hub_roles


def roles(request):
    user = request.user
    return {
        "hub_role": SimpleLazyObject(
            lambda: {
                "member": hub_roles.is_member(user),
                "officer": hub_roles.is_officer(user),
                "facilitator": hub_roles.is_facilitator(user),
                "team": hub_roles.is_programme_team(user),
                # From the person's memberships, cached for the request (no query of its own).
                "lead": hub_roles.is_member(user) and bool(hub_roles.led_partnership_ids_of(user)),
            }
        )
    }
