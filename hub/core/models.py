"""The home page: a welcome, and slots that each part of the hub fills for the viewer."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.core.whats_new import home_sections


class HubHomePage(Page):
    introduction = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="A short, warm welcome."
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(request.user)
        return context
