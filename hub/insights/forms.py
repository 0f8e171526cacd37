from datetime import date, timedelta

from django import forms
from django.utils import timezone

from hub.insights.figures import Window

LONGEST = timedelta(days=3 * 366)


def default_window(today=None):
    today = today or timezone.localdate()
    month, year = today.month - 5, today.year
    if month < 1:
        month, year = month + 12, year - 1
    return Window(date(year, month, 1), today)


def _day(label, which, example, help_text):
    """One end of the period (``which`` is "first" or "last"), picked in the browser's own
    date picker."""
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": f"Enter the {which} day of the period",
            "invalid": f"Enter the {which} day as a real date, for example {example}",
        },
    )


class PeriodForm(forms.Form):
    """The period and partnership, from the page's GET parameters."""

    start = _day("From", "first", "2026-06-01", help_text="For example, 2026-06-01.")
    end = _day(
        "To",
        "last",
        "2026-11-30",
        help_text="The last day the figures cover, for example 2026-11-30.",
    )
    partnership = forms.TypedChoiceField(
        label="Partnership",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a partnership from the list"},
    )

    def __init__(self, data=None, names=None):
        names = names or {}
        self.names = names
        window = default_window()
        data = (data if data is not None else {}).copy()
        data.setdefault("start", window.first_day.isoformat())
        data.setdefault("end", window.last_day.isoformat())
        super().__init__(data)
        self.fields["partnership"].choices = [("", "All partnerships")] + list(names.items())
        self.fields["partnership"].hide_optional = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last day must be the same as or after the first day")
            elif end - start > LONGEST:
                self.add_error("end", "The period must be 3 years or shorter")
        return data

    def window(self):
        return Window(self.cleaned_data["start"], self.cleaned_data["end"])
