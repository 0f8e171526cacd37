from django import forms

from hub.core.actions import ReviewOutcome
from hub.learning.models import WentWell
from hub.learning.models.meetings import Level, Role


class IndicatorForm(forms.Form):
    words = forms.CharField(label="The indicator, in your words", max_length=200)
    why = forms.CharField(
        label="Why it matters",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    proposed_by = forms.CharField(
        label="Who proposed it",
        required=False,
        max_length=200,
        help_text="For example “parents at the café”.",
    )


class MeetingForm(forms.Form):
    """A meeting: its date, who took part, what was noticed, a judgement for each indicator,
    new actions, and what became of the open ones."""

    held_on = forms.DateField(
        label="Date of the meeting",
        help_text="For example 27 3 2026 or 2026-03-27.",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
    )
    roles_present = forms.MultipleChoiceField(
        label="Who took part", choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    noticed = forms.CharField(
        label="What we noticed", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    summary = forms.CharField(
        label="Summary for the programme (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Only shared if you choose to share it afterwards.",
    )

    ACTION_ROWS = 3

    def __init__(self, *args, indicators=(), open_actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        self.open_actions = list(open_actions)
        for indicator in self.indicators:
            self.fields[f"level_{indicator.pk}"] = forms.TypedChoiceField(
                label=f"Is this good work? {indicator.words}",
                choices=Level.choices,
                coerce=int,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{indicator.pk}"] = forms.CharField(
                label=f"The evidence for “{indicator.words}”",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=2000,
                help_text="A story, a resource or a note, in a few words.",
            )
        for action in self.open_actions:
            self.fields[f"review_{action.pk}"] = forms.ChoiceField(
                label=f"What became of “{action.text}”",
                choices=ReviewOutcome.choices,
                widget=forms.RadioSelect,
            )
        for n in range(1, self.ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label=f"Action {n} (optional)", required=False, max_length=1000
            )
            self.fields[f"owner_{n}"] = forms.CharField(
                label=f"Who will do action {n}", required=False, max_length=200
            )

    def clean(self):
        data = super().clean()
        for n in range(1, self.ACTION_ROWS + 1):
            if data.get(f"action_{n}") and not data.get(f"owner_{n}"):
                self.add_error(f"owner_{n}", f"Say who will do action {n}.")
        return data

    def judgements(self):
        data = self.cleaned_data
        return [
            (ind, data[f"level_{ind.pk}"], data.get(f"note_{ind.pk}", ""), None)
            for ind in self.indicators
        ]

    def new_actions(self):
        data = self.cleaned_data
        return [
            (data[f"action_{n}"], None, data[f"owner_{n}"])
            for n in range(1, self.ACTION_ROWS + 1)
            if data.get(f"action_{n}")
        ]

    def reviews(self):
        return [(a, self.cleaned_data[f"review_{a.pk}"], "") for a in self.open_actions]


class WentWellForm(forms.ModelForm):
    # Declared here so the radios offer only the three kinds (no blank "---------" choice).
    kind = forms.ChoiceField(
        label="What kind of news",
        choices=WentWell.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of news it is"},
    )
    share = forms.BooleanField(
        label="Share it with the whole programme", required=False, initial=True
    )

    class Meta:
        model = WentWell
        fields = ["kind", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
