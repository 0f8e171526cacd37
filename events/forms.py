"""Forms for events: colleagues, feedback, messages, materials, attendance and topic ideas."""

from django import forms

from events.models import EventMaterial, Feedback, TopicIdea
from hub.core.private_files.kept import KeepsUploads
from hub.themes.models import Theme


class ColleaguesForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Colleagues to register",
        help_text="Each person gets a confirmation email with the calendar file.",
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = colleagues
        self.fields["people"].label_from_instance = lambda person: person.display_name


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label="How useful was it?",
        choices=[
            (n, f"{n} – {label}")
            for n, label in enumerate(
                ["not useful", "a little useful", "useful", "very useful", "extremely useful"], 1
            )
        ],
        coerce=int,
        widget=forms.Select,
    )

    class Meta:
        model = Feedback
        fields = ["valuable", "rating", "next_wanted"]
        widgets = {
            "valuable": forms.Textarea(attrs={"rows": 4}),
            "next_wanted": forms.Textarea(attrs={"rows": 3}),
        }


class MessageForm(forms.Form):
    subject = forms.CharField(max_length=150)
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)
    include_waitlist = forms.BooleanField(
        required=False, label="Also send it to people on the waiting list"
    )


class MaterialForm(KeepsUploads, forms.Form):
    """A recording, slides or notes for an event; a chosen file is kept when another field has
    an error (``KeepsUploads``), so nobody has to choose it again."""

    kind = forms.ChoiceField(choices=EventMaterial.Kind.choices, label="What is it?")
    title = forms.CharField(max_length=255)
    url = forms.URLField(
        required=False,
        assume_scheme="https",
        label="Link",
        help_text="For a video, a link to where it is hosted.",
    )
    file = forms.FileField(
        required=False, help_text="A PDF, slide deck or video file, up to 100 MB."
    )
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Notes from the session (Markdown).",
    )

    MAX_BYTES = 100 * 1024 * 1024

    def __init__(self, *args, user=None, **kwargs):
        self.user = user  # the kept file is bound to the person who chose it
        super().__init__(*args, **kwargs)

    ALLOWED = {"pdf", "pptx", "ppt", "odp", "docx", "doc", "odt", "mp4", "webm", "mp3", "m4a"}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 100 MB.")
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in self.ALLOWED:
            raise forms.ValidationError("Upload a PDF, slides, document, video or audio file.")
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("url") or data.get("file") or data.get("notes")):
            raise forms.ValidationError("Add a link, a file or some notes.")
        return data


class TopicIdeaForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = TopicIdea
        fields = ["title", "description", "themes"]
        labels = {"title": "Your idea, in a few words", "description": "Tell us more"}
        help_texts = {"description": "What would you like to learn, and from whom?"}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class HostOfferForm(forms.Form):
    """A partnership's offer to host a huddle on a topic idea."""

    partnership = forms.ModelChoiceField(
        queryset=None,
        label="Your partnership",
        empty_label=None,
        error_messages={"required": "Choose your partnership."},
    )
    note = forms.CharField(
        label="A note for the programme team (optional)",
        required=False,
        max_length=500,
        help_text="For example: who could present, and when suits you.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
