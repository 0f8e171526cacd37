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
        # Once a request, however many prompts (each with its form) the page shows.
        mine = roles.cached(user, "partnerships", lambda: list(roles.partnerships_of(user)))
        self.partnerships = {str(p.pk): p for p in mine} if user else {}
        self.fields["share_with"].choices = [("programme", "Everyone in the programme")] + [
            (pk, f"Only people in {partnership.name}")
            for pk, partnership in self.partnerships.items()
        ]

    @property
    def partnership(self):
        """The partnership chosen for a partnership-only response (None: the programme)."""
        return self.partnerships.get(self.cleaned_data.get("share_with"))

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
