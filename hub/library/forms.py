"""Forms for sharing, finding and talking about resources."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.html import format_html

from hub.core.private_files.kept import KeepsUploads
from hub.core.widgets import QuickSelect
from hub.library.models import Note, Resource, StoryConsent, Visibility
from hub.library.uploads import check_upload, max_upload_mb
from hub.people import roles
from hub.people.models import Partnership
from hub.themes.models import Theme

ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.jpg,.jpeg,.png,.gif,.webp,.csv,.txt"


class ResourceForm(KeepsUploads, forms.ModelForm):
    """Share (or edit) a resource. Stories also record their teller's consent here. A chosen
    file is kept when another field has an error (``KeepsUploads``)."""

    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For a link or a video: the full address, starting https://",
    )

    consented_by = forms.CharField(
        label="Who consented",
        required=False,
        max_length=150,
        help_text="Stories only: the teller's name, or how you know them.",
    )
    consent_use = forms.ChoiceField(
        label="They agreed to this use",
        choices=StoryConsent.Use.choices,
        required=False,
        initial=StoryConsent.Use.PROGRAMME,
        widget=forms.RadioSelect,
        help_text="Stories only. A story can only be public with consent for public use.",
    )
    anonymised = forms.BooleanField(
        label="Names and places in the story are anonymised", required=False, initial=True
    )
    review_date = forms.DateField(
        label="Review the consent by",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Stories only: when to check the consent still stands.",
    )
    i_am_the_teller = forms.BooleanField(
        label="I am the story's teller (so I can withdraw it later)", required=False
    )

    class Meta:
        model = Resource
        fields = [
            "kind",
            "resource_type",
            "title",
            "description",
            "url",
            "file",
            "themes",
            "partnership",
            "visibility",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Resource.Kind.choices
        self.fields["visibility"].choices = Visibility.choices
        self.fields["resource_type"].choices = [("", "Choose a type"), *Resource.Type.choices]
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["file"].help_text = (
            f"For a file: PDF, office documents, images, CSV or plain text, up to "
            f"{max_upload_mb()} MB."
        )
        # A plain file input: files have no public URL to show as "currently".
        self.fields["file"].widget = forms.FileInput(attrs={"accept": ACCEPT})
        if self.instance.pk and self.instance.file:
            # The name is the uploader's own words: escape it here, whatever renders it.
            self.fields["file"].help_text = format_html(
                "Now: {}. Choose another file only to replace it. {}",
                self.instance.file_name,
                self.fields["file"].help_text,
            )
        if roles.is_officer(user):
            partnerships = Partnership.objects.filter(active=True)
        else:
            partnerships = roles.partnerships_of(user)
        self.fields["partnership"].queryset = partnerships
        self.fields["partnership"].label = "Shared by which partnership"
        self.fields["partnership"].help_text = "The partnership this comes from."
        if not roles.is_officer(user):
            self.fields["partnership"].required = True
            self.fields["partnership"].empty_label = None
        else:
            self.fields["partnership"].empty_label = "None: the programme team shares it"
        consent = getattr(self.instance, "consent", None) if self.instance.pk else None
        if consent is not None:
            self.initial.update(
                consented_by=consent.consented_by,
                consent_use=consent.use,
                anonymised=consent.anonymised,
                review_date=consent.review_date,
                i_am_the_teller=consent.teller_id == user.pk,
            )
        elif not self.instance.pk:
            self.initial.setdefault("review_date", timezone.localdate() + timedelta(days=365))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # A fresh upload is an UploadedFile with a content_type; a kept file is a FieldFile.
        if upload and hasattr(upload, "content_type"):
            self.cleaned_data["content_type"] = check_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Resource.Kind.FILE and not data.get("file") and not self.instance.file:
            self.add_error("file", "Choose a file to upload.")
        if kind in (Resource.Kind.LINK, Resource.Kind.VIDEO) and not data.get("url"):
            self.add_error("url", "Give the link's address.")
        if data.get("resource_type") == Resource.Type.STORY:
            if not data.get("consented_by"):
                self.add_error("consented_by", "Say who consented to sharing this story.")
            if not data.get("review_date"):
                self.add_error("review_date", "Give a date to review the consent.")
            if (
                data.get("visibility") == Visibility.PUBLIC
                and data.get("consent_use") != StoryConsent.Use.PUBLIC
            ):
                self.add_error(
                    "visibility",
                    "A story can only be public when its teller agreed to public use.",
                )
        if data.get("visibility") == Visibility.PARTNERSHIP and not data.get("partnership"):
            self.add_error("partnership", "Choose the partnership that may see it.")
        return data

    def _post_clean(self):
        # The model's own clean() runs in the service, once consent is recorded; the form has
        # already checked the same rules above with field-level messages.
        pass

    def resource_fields(self):
        """The cleaned values the services take as Resource fields."""
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "kind",
                "resource_type",
                "title",
                "description",
                "url",
                "partnership",
                "visibility",
            )
        }

    def service_fields(self):
        """Everything ``share_resource`` and ``edit_resource`` take from this form: a new
        upload only for a file, the consent only for a story."""
        data = self.cleaned_data
        upload = data.get("file")
        is_file = data["kind"] == Resource.Kind.FILE and hasattr(upload, "content_type")
        is_story = data["resource_type"] == Resource.Type.STORY
        return {
            "themes": data["themes"],
            "upload": upload if is_file else None,
            "consent": self.consent_fields() if is_story else None,
            **self.resource_fields(),
        }

    def consent_fields(self):
        data = self.cleaned_data
        return {
            "consented_by": data["consented_by"],
            "use": data["consent_use"] or StoryConsent.Use.PROGRAMME,
            "anonymised": data["anonymised"],
            "review_date": data["review_date"],
            "teller": self._teller(data["i_am_the_teller"]),
        }

    def _teller(self, i_am_the_teller):
        if i_am_the_teller:
            return self.user
        # An officer editing someone else's story keeps its teller.
        consent = getattr(self.instance, "consent", None) if self.instance.pk else None
        if consent is not None and consent.teller_id not in (None, self.user.pk):
            return consent.teller
        return None


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"body": "How you used it, and what happened. A few sentences is plenty."}


class ConsentForm(forms.Form):
    consented_by = forms.CharField(label="Who consented", max_length=150)
    use = forms.ChoiceField(
        label="They agreed to this use", choices=StoryConsent.Use.choices, widget=forms.RadioSelect
    )
    anonymised = forms.BooleanField(
        label="Names and places in the story are anonymised", required=False
    )
    review_date = forms.DateField(
        label="Review the consent by",
        # ISO, the only value a date input accepts (a British 01/12/2027 shows as empty).
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class LibraryFilterForm(forms.Form):
    """The library page's search, filters and sort (GET)."""

    DATE_CHOICES = [
        ("", "Any time"),
        ("30", "In the last month"),
        ("182", "In the last six months"),
        ("365", "In the last year"),
    ]
    SORT_CHOICES = [("newest", "Newest first"), ("useful", "Most useful first")]

    q = forms.CharField(label="Search the library", required=False, max_length=200)
    # QuickSelect: the same <select>, written in Python rather than through Django's two
    # templates per option (the filters were a fifth of a library search's time).
    type = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "All types"), *Resource.Type.choices],
        widget=QuickSelect,
    )
    theme = forms.ModelChoiceField(
        label="Theme",
        required=False,
        queryset=Theme.objects.all(),
        empty_label="All themes",
        to_field_name="slug",
        widget=QuickSelect,
    )
    # A name typed (or its slug, from a link), not a list of every partnership: the picker
    # (library/partnership_picker.js) suggests names as the person types; without JavaScript
    # the typed name is matched here.
    partnership = forms.CharField(
        label="Partnership",
        required=False,
        max_length=200,
        help_text="Type part of its name.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    shared = forms.ChoiceField(
        label="Shared", required=False, choices=DATE_CHOICES, widget=QuickSelect
    )
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=SORT_CHOICES, widget=QuickSelect
    )

    def clean_q(self):
        return self.cleaned_data["q"].strip()

    def clean_partnership(self):
        """The partnership named: by its slug (a link), its whole name, or the only one whose
        name holds what was typed."""
        typed = " ".join(self.cleaned_data["partnership"].split())
        if not typed:
            return None
        found = filter_partnerships()
        exact = found.filter(slug=typed).first() or found.filter(name__iexact=typed).first()
        if exact:
            return exact
        close = list(partnerships_named(typed, limit=2))
        if len(close) == 1:
            return close[0]
        if not close:
            raise forms.ValidationError(
                f"No partnership has “{typed}” in its name. Check the spelling, or leave it "
                "empty for all partnerships."
            )
        raise forms.ValidationError(
            f"More than one partnership has “{typed}” in its name: type more of it."
        )


def filter_partnerships():
    """The partnerships the library's filter offers: every one, as its list did."""
    return Partnership.objects.all()


def partnerships_named(typed, *, limit=10):
    """Up to ``limit`` of them whose name holds ``typed``, by name."""
    return filter_partnerships().filter(name__icontains=typed[:100]).order_by("name", "pk")[:limit]
