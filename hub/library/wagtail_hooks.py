"""The library in the Wagtail admin, for officers: find, correct and delete resources, read
notes, consent records and edit history. Members share through the hub's own pages."""

from django import forms

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.library.models import Note, Resource, ResourceRevision, StoryConsent
from hub.library.uploads import check_upload


class ResourceAdminForm(WagtailAdminModelForm):
    """Admin uploads are checked by content too, and a story's visibility obeys its consent."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            self.instance.content_type = check_upload(upload)
            self.instance.file_name = upload.name[-120:]
            self.instance.file_size = upload.size
        return upload


class ResourceViewSet(SnippetViewSet):
    model = Resource
    base_form_class = ResourceAdminForm
    icon = "doc-full"
    menu_label = "Resources"
    add_to_admin_menu = False
    list_display = ["title", "resource_type", "partnership", "visibility", "created_at"]
    list_filter = ["resource_type", "visibility", "kind"]
    search_fields = ["title", "description"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("resource_type"),
        FieldPanel("kind"),
        FieldPanel("url"),
        FieldPanel("file", widget=forms.FileInput),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("partnership"),
        FieldPanel("visibility"),
    ]

    def get_queryset(self, request):
        return Resource.objects.select_related("partnership")


class NoteViewSet(SnippetViewSet):
    model = Note
    icon = "comment"
    menu_label = "Notes"
    list_display = ["resource", "author", "created_at"]
    search_fields = ["body"]
    inspect_view_enabled = True
    panels = [FieldPanel("body")]


class StoryConsentViewSet(SnippetViewSet):
    model = StoryConsent
    icon = "lock"
    menu_label = "Story consent"
    list_display = ["resource", "consented_by", "use", "anonymised", "review_date"]
    list_filter = ["use", "anonymised"]
    inspect_view_enabled = True
    panels = [FieldPanel("consented_by"), FieldPanel("anonymised"), FieldPanel("review_date")]


class ResourceRevisionViewSet(SnippetViewSet):
    model = ResourceRevision
    icon = "history"
    menu_label = "Edit history"
    list_display = ["resource", "title", "edited_by", "edited_at"]
    inspect_view_enabled = True
    panels = [FieldPanel("title", read_only=True), FieldPanel("description", read_only=True)]


class LibraryGroup(SnippetViewSetGroup):
    items = (ResourceViewSet, NoteViewSet, StoryConsentViewSet, ResourceRevisionViewSet)
    menu_icon = "doc-full"
    menu_label = "Library"
    menu_name = "library"


register_snippet(LibraryGroup)
