"""Forms for responding to a briefing's prompts and proposing topic ideas."""

from django import forms

from hub.people import roles


class ResponseForm(forms.Form):
    prompt_id = forms.CharField(widget=forms.HiddenInput, max_length=64)
    text = forms.CharField(
        label="Your response",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Plain text is fine; you can use Markdown for lists and emphasis. "
        "Everyone in the programme can read responses (never the public).",
    )
    share_with = forms.ChoiceField(
        label="Who can read it",
        widget=forms.RadioSelect,
        choices=[("programme", "Everyone in the programme")],
        initial="programme",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._user = user
        # The person's partnerships' names come with their roles: no query of the form's own,
        # however many prompts (each with its form) the page shows.
        names = roles.partnership_names_of(user) if user else {}
        self.partnerships = {str(pk): name for pk, name in names.items()}
        self.fields["share_with"].choices = [("programme", "Everyone in the programme")] + [
            (pk, f"Only people in {name}") for pk, name in self.partnerships.items()
        ]

    @property
    def partnership(self):
        """The partnership chosen for a partnership-only response (None: the programme)."""
        chosen = self.cleaned_data.get("share_with")
        if chosen not in self.partnerships:
            return None
        return roles.partnerships_of(self._user).get(pk=chosen)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Write something before you send it.")
        return text


class TopicIdeaForm(forms.Form):
    title = forms.CharField(
        label="Topic idea",
        max_length=150,
        help_text="What would you like a future huddle or webinar to explore?",
    )
    description = forms.CharField(
        label="Why it matters to you",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
