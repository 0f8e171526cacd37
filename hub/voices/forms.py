from django import forms

from hub.core.form_fields import TypedDate
from hub.people.choices import PersonChoice, active_partnerships, members_by_name
from hub.voices.models import RoleGroup, Source, Status, Use, Voice, VoiceDecision


class VoiceForm(forms.Form):
    """What the learning team records about a voice."""

    quote = forms.CharField(
        label="Their words",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text="Exactly as they said or wrote them. They will check this wording.",
    )
    kind = forms.ChoiceField(
        label="Is it a quote or a short story?",
        choices=Voice.Kind.choices,
        widget=forms.RadioSelect,
        initial=Voice.Kind.QUOTE,
    )
    role = forms.CharField(
        label="Their role, in their own words",
        max_length=80,
        help_text='For example "mum of two" or "health visitor".',
    )
    role_group = forms.ChoiceField(
        label="Which group is that closest to?",
        choices=RoleGroup.choices,
        widget=forms.RadioSelect,
        help_text="Used only to count whose voices are heard.",
    )
    partnership = forms.ModelChoiceField(
        label="Their partnership",
        queryset=active_partnerships(),
        required=False,
        empty_label="Not part of a partnership",
    )
    use = forms.ChoiceField(
        label="Who may read their words?",
        choices=Use.choices,
        widget=forms.RadioSelect,
    )
    named = forms.BooleanField(label="They agreed to be named", required=False)
    name = forms.CharField(
        label="Their name, as they agreed it is shown",
        max_length=80,
        required=False,
        help_text="Needed only if they agreed to be named.",
    )
    review_date = TypedDate(
        label="Date to review their consent",
        help_text="For example 27 3 2027 or 2027-03-27.",
    )
    source = forms.ChoiceField(
        label="Where the words came from", choices=Source.choices, widget=forms.RadioSelect
    )
    source_detail = forms.CharField(
        label="About the source",
        max_length=200,
        required=False,
        help_text='For example "Interview in March" or the huddle\'s title.',
    )
    source_url = forms.CharField(
        label="Link to the source in the hub",
        max_length=300,
        required=False,
        help_text="For a response, an answer or a note: its address.",
    )
    writer_agreed = forms.BooleanField(
        label="The writer agreed to their words being used",
        required=False,
        help_text="Needed for words picked from a response, an answer or a note.",
    )
    speaker = PersonChoice(
        label="The person, if they are on the hub",
        queryset=members_by_name(),
        required=False,
        empty_label="They are not on the hub",
        help_text="They will get a notification asking them to check their words.",
    )
    speaker_name = forms.CharField(
        label="Their name (if they are not on the hub)", max_length=120, required=False
    )
    speaker_email = forms.EmailField(
        label="Their email address (if they are not on the hub)",
        required=False,
        help_text="They will get a link to check their words, with no need for an account.",
    )


class FilterForm(forms.Form):
    """The bank's filters (all optional; the empty choice lists everything)."""

    status = forms.ChoiceField(
        label="Check-back", required=False, choices=[("", "Any")] + list(Status.choices)
    )
    use = forms.ChoiceField(
        label="Who may read it", required=False, choices=[("", "Anyone allowed")] + Use.choices
    )
    role_group = forms.ChoiceField(
        label="Role group", required=False, choices=[("", "Every group")] + RoleGroup.choices
    )
    partnership = forms.ModelChoiceField(
        label="Partnership",
        queryset=active_partnerships(),
        required=False,
        empty_label="Every partnership",
    )

    def apply(self, voices):
        if not self.is_valid():
            return voices
        wanted = {key: value for key, value in self.cleaned_data.items() if value}
        return voices.filter(**wanted)


Decision = VoiceDecision.Decision


class CheckForm(forms.Form):
    """The person's answer to "are these your words, as you want them?"."""

    decision = forms.ChoiceField(
        label="What would you like to do?",
        choices=[
            (Decision.APPROVED, "Approve: these are my words, and they can be used like this"),
            (Decision.CHANGED, "Change the words or how I am described, then approve them"),
            (Decision.WITHDRAWN, "Withdraw: do not use my words anywhere"),
        ],
        widget=forms.RadioSelect,
    )
    quote = forms.CharField(
        label="Your words, as you would like them",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        required=False,
        help_text="Only if you chose to change them.",
    )
    role = forms.CharField(
        label="How you would like to be described",
        max_length=80,
        required=False,
        help_text='Only if you chose to change them. For example "parent" or "youth worker".',
    )
    named = forms.BooleanField(label="Show my name with my words", required=False)
    name = forms.CharField(
        label="Your name, as you would like it shown",
        max_length=80,
        required=False,
        help_text="Only if you want your name shown.",
    )

    def __init__(self, *args, voice=None, **kwargs):
        if voice is not None:
            kwargs.setdefault(
                "initial",
                {
                    "quote": voice.quote,
                    "role": voice.role,
                    "named": voice.named,
                    "name": voice.name,
                },
            )
        super().__init__(*args, **kwargs)
        for name in ("quote", "role"):
            # Needed only when changing; the hint says so.
            self.fields[name].hide_optional = True

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.CHANGED:
            if not (data.get("quote") or "").strip():
                self.add_error("quote", "Enter your words as you would like them")
            if not (data.get("role") or "").strip():
                self.add_error("role", "Enter how you would like to be described")
        if data.get("named") and not (data.get("name") or "").strip():
            self.add_error("name", "Enter your name, or untick “Show my name with my words”")
        return data
