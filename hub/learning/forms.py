from django import forms

from hub.core.actions import ReviewOutcome
from hub.core.form_fields import TypedDate
from hub.learning import evidence
from hub.learning.models import WentWell
from hub.learning.models.meetings import Level, Role

SOMEONE_ELSE = "other"


class IndicatorForm(forms.Form):
    words = forms.CharField(
        label="The indicator, in your words",
        max_length=200,
        error_messages={"required": "Write the indicator in your own words."},
    )
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


class RewordForm(IndicatorForm):
    """New words for an indicator: kept as a new version, from a date."""

    note = forms.CharField(
        label="Why the words changed",
        required=False,
        max_length=500,
        help_text="For example “parents preferred these words”.",
    )
    since = TypedDate(
        label="The new words count from",
        required=False,
        help_text="Leave empty for today. For example 27 3 2026 or 2026-03-27. "
        "Meetings before this date keep the words they were judged against.",
    )


class MeetingForm(forms.Form):
    """A meeting: its date, who took part, what was noticed, a judgement for each indicator
    with the evidence behind it, new actions with owners, and what became of the open ones.

    The evidence picker is part of the same form: "Find" sends the form back with what the
    person may link (see :mod:`hub.learning.evidence`), keeping everything typed."""

    held_on = TypedDate(
        label="Date of the meeting",
        help_text="For example 27 3 2026 or 2026-03-27.",
        error_messages={"required": "Enter the date of the meeting."},
    )
    roles_present = forms.MultipleChoiceField(
        label="Who took part",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who took part."},
    )
    noticed = forms.CharField(
        label="What we noticed",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Write what you noticed."},
    )
    summary = forms.CharField(
        label="Summary for the programme",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Only shared if you choose to share it afterwards.",
    )

    ACTION_ROWS = 3

    def __init__(self, *args, indicators=(), open_actions=(), people=(), viewer=None, **kw):
        super().__init__(*args, **kw)
        self.indicators = list(indicators)
        self.open_actions = list(open_actions)
        self.people = {str(p.pk): p for p in people}
        self.viewer = viewer
        for indicator in self.indicators:
            self._indicator_fields(indicator)
        for action in self.open_actions:
            self.fields[f"review_{action.pk}"] = forms.ChoiceField(
                label=f"What became of “{action.text}”",
                choices=ReviewOutcome.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say what became of “{action.text}”."},
            )
            self.fields[f"review_note_{action.pk}"] = forms.CharField(
                label=f"A note on “{action.text}”", required=False, max_length=2000
            )
        owners = [("", "Choose who will do it")]
        owners += [(key, p.get_full_name() or str(p)) for key, p in self.people.items()]
        owners += [(SOMEONE_ELSE, "Someone not in the hub")]
        for n in range(1, self.ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label=f"Action {n}", required=False, max_length=1000
            )
            self.fields[f"owner_{n}"] = forms.ChoiceField(
                label=f"Who will do action {n}", required=False, choices=owners
            )
            self.fields[f"owner_words_{n}"] = forms.CharField(
                label=f"If not in the hub, who will do action {n}",
                required=False,
                max_length=200,
                help_text="A name or a role, for example “the school’s family worker”.",
            )

    def _indicator_fields(self, indicator):
        pk, words = indicator.pk, indicator.words
        self.fields[f"level_{pk}"] = forms.TypedChoiceField(
            label=f"Is this good work? {words}",
            choices=Level.choices,
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": f"Choose a judgement for “{words}”."},
        )
        self.fields[f"note_{pk}"] = forms.CharField(
            label=f"The evidence for “{words}”, in a few words",
            widget=forms.Textarea(attrs={"rows": 2}),
            required=False,
            max_length=2000,
        )
        self.fields[f"find_{pk}"] = forms.CharField(
            label=f"Look for a story, resource or note for “{words}”",
            required=False,
            max_length=200,
            help_text="Words from its title or what it says, then choose Find.",
        )
        self.fields[f"evidence_{pk}"] = forms.ChoiceField(
            label=f"Linked evidence for “{words}”",
            required=False,
            choices=self._evidence_choices(pk),
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": "Choose evidence from the list, or none."},
        )

    def _evidence_choices(self, pk):
        """No link; the thing already chosen (if the person may still see it); then what
        their search found."""
        choices = [(evidence.NONE, "No linked evidence")]
        if not self.is_bound or self.viewer is None:
            return choices
        chosen = evidence.lookup(self.viewer, self.data.get(f"evidence_{pk}"))
        if chosen is not None:
            choices.append((evidence.value_of(chosen), evidence.label_of(chosen)))
        for value, label in evidence.find(self.viewer, self.data.get(f"find_{pk}", "")):
            if value not in dict(choices):
                choices.append((value, label))
        return choices

    def found_anything(self, indicator):
        """True when the picker for ``indicator`` has something to choose."""
        return len(self.fields[f"evidence_{indicator.pk}"].choices) > 1

    def parts(self):
        """The fields of each indicator and each open action, in order, for the template."""
        return {
            "indicators": [
                (
                    ind,
                    self[f"level_{ind.pk}"],
                    self[f"note_{ind.pk}"],
                    self[f"find_{ind.pk}"],
                    self[f"evidence_{ind.pk}"] if self.found_anything(ind) else None,
                )
                for ind in self.indicators
            ],
            "reviews": [
                (a, self[f"review_{a.pk}"], self[f"review_note_{a.pk}"]) for a in self.open_actions
            ],
            "actions": [
                (n, self[f"action_{n}"], self[f"owner_{n}"], self[f"owner_words_{n}"])
                for n in range(1, self.ACTION_ROWS + 1)
            ],
        }

    def clean(self):
        data = super().clean()
        for n in range(1, self.ACTION_ROWS + 1):
            owner = data.get(f"owner_{n}")
            if data.get(f"action_{n}") and not owner:
                self.add_error(f"owner_{n}", f"Choose who will do action {n}.")
            named = data.get(f"owner_words_{n}", "").strip()
            if data.get(f"action_{n}") and owner == SOMEONE_ELSE and not named:
                self.add_error(f"owner_words_{n}", f"Write who will do action {n}.")
            if owner and not data.get(f"action_{n}"):
                self.add_error(f"action_{n}", f"Write action {n}, or choose nobody to do it.")
        return data

    def judgements(self):
        data = self.cleaned_data
        return [
            (
                ind,
                data[f"level_{ind.pk}"],
                data.get(f"note_{ind.pk}", ""),
                evidence.lookup(self.viewer, data.get(f"evidence_{ind.pk}")),
            )
            for ind in self.indicators
        ]

    def new_actions(self):
        data = self.cleaned_data
        result = []
        for n in range(1, self.ACTION_ROWS + 1):
            if not data.get(f"action_{n}"):
                continue
            person = self.people.get(data[f"owner_{n}"])
            words = "" if person else data.get(f"owner_words_{n}", "")
            result.append((data[f"action_{n}"], person, words))
        return result

    def reviews(self):
        data = self.cleaned_data
        return [
            (a, data[f"review_{a.pk}"], data.get(f"review_note_{a.pk}", ""))
            for a in self.open_actions
        ]


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
