from django import forms


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What is wrong with it?",
        help_text="Only programme officers see this. For example: it names a child, "
        "it is unkind, it is advertising.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label="Reason for hiding",
        help_text="The author sees this reason and is emailed it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
