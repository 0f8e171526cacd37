"""The voice bank in the Wagtail admin exists only so a briefing's voice block can choose a
voice: the chooser lists approved voices only, and the bank itself is managed on its own
pages (/voices/), where every change goes through the services."""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hub.core.admin_choosers import SeenOnlyChooserViewSet
from hub.people import roles
from hub.voices.models import Voice


class VoiceChooserViewSet(SeenOnlyChooserViewSet):
    """A briefing's voice block chooses from the approved voices the person may read."""

    create_action_label = None

    def seen(self, request, objects):
        return objects.visible_to(request.user).usable().select_related("partnership")


class VoiceViewSet(SnippetViewSet):
    model = Voice
    icon = "openquote"
    add_to_admin_menu = False
    menu_label = "Voice bank"
    chooser_viewset_class = VoiceChooserViewSet
    list_display = ["__str__", "status", "use"]

    def get_queryset(self, request):
        # Never a withdrawn voice, and only what this person may read.
        return Voice.objects.visible_to(request.user).select_related("partnership")


register_snippet(VoiceViewSet)


@hooks.register("register_page_header_buttons")
def whose_voices_button(page, user, view_name=None, next_url=None):
    """On a briefing's edit view: whose voices its latest draft quotes, before publishing."""
    if page.specific_class is None or not hasattr(page.specific_class, "body"):
        return
    if not roles.is_programme_team(user):
        return
    yield Button(
        "Whose voices are heard",
        reverse("voices:heard") + f"?page={page.pk}",
        icon_name="openquote",
        priority=80,
    )
