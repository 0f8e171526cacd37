"""Admin: event series as snippets (saving one generates its occurrences), and officers' links
from the page editor to the registrations list."""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import EventPage, EventSeries
from hub.people import roles


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "date"
    menu_label = "Event series"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["title", "rrule", "timezone", "first_start"]
    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("first_start"),
                FieldPanel("duration"),
                FieldPanel("rrule"),
                FieldPanel("timezone"),
            ],
            heading="When it repeats",
        ),
        FieldPanel("format"),
        FieldPanel("joining_link"),
        FieldPanel("capacity"),
        FieldPanel("audience"),
        FieldPanel("themes"),
    ]


register_snippet(EventSeriesViewSet)


def _generate(request, instance):
    from events.services import generate_occurrences

    if isinstance(instance, EventSeries):
        generate_occurrences(instance, by=request.user)


hooks.register("after_create_snippet", _generate)
hooks.register("after_edit_snippet", _generate)


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name=None, next_url=None):
    from wagtail.admin.widgets import Button

    if issubclass(page.specific_class or object, EventPage) and roles.is_officer(user):
        yield Button(
            "Registrations",
            reverse("events:registrations", args=[page.pk]),
            icon_name="group",
            priority=60,
        )
