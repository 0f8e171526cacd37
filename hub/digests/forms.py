from django import forms

from hub.digests.models import DigestPreference
from hub.digests.services import member_choosable_sections


class PreferenceForm(forms.Form):
    """How often, which day, and which sections. Saving it records consent with its date."""

    frequency = forms.ChoiceField(
        label="How often would you like the digest?",
        choices=DigestPreference.Frequency.choices,
        widget=forms.RadioSelect,
        initial=DigestPreference.Frequency.WEEKLY,
    )
    day_of_week = forms.TypedChoiceField(
        label="Which day should it arrive?",
        choices=DigestPreference.Day.choices,
        coerce=int,
        initial=DigestPreference.Day.MONDAY,
        help_text="Monthly digests come on the first of that day in the month.",
    )
    sections = forms.MultipleChoiceField(
        label="What would you like in it?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick anything you would rather not hear about.",
    )

    def __init__(self, *args, is_lead=False, preference=None, **kwargs):
        self.section_choices = member_choosable_sections(is_lead)
        if preference is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "frequency": preference.frequency,
                "day_of_week": preference.day_of_week,
                "sections": [k for k, _ in self.section_choices if preference.wants(k)],
            }
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = self.section_choices
        if preference is None:
            self.fields["sections"].initial = [k for k, _ in self.section_choices]

    @property
    def skipped_sections(self):
        chosen = set(self.cleaned_data["sections"])
        return [key for key, _ in self.section_choices if key not in chosen]


class PreviewForm(forms.Form):
    member = forms.EmailField(label="Member's email address")
