"""The library in the Wagtail admin, for officers: find, correct and delete resources, read
notes, consent records and edit history. Members share through the hub's own pages."""

from django import forms
from django.db import transaction

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from hub.core.admin_choosers import SeenOnlyChooserViewSet
from hub.core.services import ServiceError, apply_service_error
from hub.library import services
from hub.library.models import Note, Resource, ResourceRevision, StoryConsent
from hub.library.uploads import check_upload
from hub.people import roles


class ResourceAdminForm(WagtailAdminModelForm):
    """Admin uploads are checked by content too, and a story's visibility obeys its consent."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            self.instance.content_type = check_upload(upload)
            self.instance.file_name = upload.name[-120:]
            self.instance.file_size = upload.size
        return upload


class ResourceEditView(EditView):
    """An admin edit goes through the library's service, as the hub's own edit page does:
    the earlier title and description are kept in the edit history."""

    def save_instance(self):
        data = self.form.cleaned_data
        upload = data.get("file")
        fields = {name: value for name, value in data.items() if name not in ("file", "themes")}
        resource = services.edit_resource(
            self.object,
            by=self.request.user,
            themes=data.get("themes"),
            upload=upload if hasattr(upload, "content_type") else None,
            **fields,
        )
        self.has_content_changes = self.form.has_changed()
        log(instance=resource, action="wagtail.edit", content_changed=self.has_content_changes)
        return resource

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ServiceError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)


class ResourceDeleteView(DeleteView):
    """An admin delete goes through the library's service, so the private file goes too."""

    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete")
            services.delete_resource(self.object, by=self.request.user)


class ResourceChooserViewSet(SeenOnlyChooserViewSet):
    """The admin's resource chooser lists (and returns) only resources the person may see:
    facilitators use the admin but are not in every partnership, and a partnership's own
    resources are for it and the officers (who see every one, hidden ones included)."""

    def seen(self, request, objects):
        if roles.is_officer(request.user):
            return objects
        return objects.filter(pk__in=Resource.objects.visible_to(request.user).values("pk"))


class ResourceViewSet(SnippetViewSet):
    model = Resource
    chooser_viewset_class = ResourceChooserViewSet
    base_form_class = ResourceAdminForm
    edit_view_class = ResourceEditView
    delete_view_class = ResourceDeleteView
    icon = "doc-full"
    menu_label = "Resources"
    add_to_admin_menu = False
    list_display = ["title", "resource_type", "partnership", "visibility", "created_at"]
    list_filter = ["resource_type", "visibility", "kind"]
    search_fields = ["title", "description"]
    # The admin's small listing searches with the database (the site's search index cannot
    # sort by title, which the listing does).
    search_backend_name = None
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
    search_backend_name = None
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


class DeleteResourcesBulkAction(DeleteBulkAction):
    """Deleting several resources from the listing also goes through the service (files
    and all), in place of Wagtail's plain queryset delete."""

    models = [Resource]

    @classmethod
    def execute_action(cls, objects, **kwargs):
        user = kwargs["self"].request.user
        for resource in objects:
            services.delete_resource(resource, by=user)
        return len(objects), 0


# Registered after Wagtail's own delete action (order), so it replaces it for resources.
hooks.register("register_bulk_action", DeleteResourcesBulkAction, order=100)
