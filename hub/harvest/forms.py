"""The harvest's filters and the form that starts a draft briefing from a selection."""

from django import forms

from hub.themes.models import Theme

PERIODS = [
    ("3", "The last 3 months"),
    ("1", "The last month"),
    ("6", "The last 6 months"),
    ("12", "The last year"),
    ("24", "The last 2 years"),
]


class HarvestFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Every theme",
    )
    period = forms.ChoiceField(label="Period", choices=PERIODS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every field has a meaningful empty answer, so "(optional)" would say nothing.
        for field in self.fields.values():
            field.hide_optional = True


class StartDraftForm(forms.Form):
    title = forms.CharField(
        label="Title of the new briefing",
        max_length=255,
        error_messages={"required": "Give the draft briefing a title."},
    )
    items = forms.MultipleChoiceField(
        label="What to start it with",
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one thing to start the briefing with.",
            "invalid_choice": "Choose from the things listed (the list may have changed).",
        },
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = choices or []
