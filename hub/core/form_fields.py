"""Form fields with one rule for the whole hub."""

from django import forms


class TypedDate(forms.DateField):
    """A date typed as people write it: "27 3 2026", "27/3/2026" or "2026-03-27" (the field's
    hint gives an example), refused in plain words when it is not a real date."""

    input_formats = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"]
    default_error_messages = {"invalid": "Enter a real date, for example 27 3 2026."}
