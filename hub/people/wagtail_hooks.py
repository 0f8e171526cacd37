"""Partnerships and invitations in the Wagtail admin, for officers."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.people.models import Invitation, Partnership


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    icon = "group"
    menu_label = "Partnerships"
    list_display = ["name", "locality", "active"]
    list_filter = ["active"]
    search_fields = ["name", "locality"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("locality"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("active"),
    ]


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = "Invitations"
    list_display = ["email", "partnership", "role", "status", "created_at"]
    list_filter = ["role", "partnership"]
    search_fields = ["email"]
    # Invitations are made through the hub's invite page so the email goes out; read-only here.
    inspect_view_enabled = True
    panels = [FieldPanel("email", read_only=True), FieldPanel("role", read_only=True)]


class PeopleGroup(SnippetViewSetGroup):
    items = (PartnershipViewSet, InvitationViewSet)
    menu_icon = "group"
    menu_label = "Partnerships"
    menu_name = "partnerships"


register_snippet(PeopleGroup)
