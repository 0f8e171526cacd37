"""Forms for sharing a draft for comment and for commenting on it (GOV.UK error pattern)."""

from django import forms

from hub.people.choices import PeopleChoice, active_partnerships, members_by_name


class ShareForm(forms.Form):
    people = PeopleChoice(
        label="People to ask",
        queryset=members_by_name(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose people, partnerships or both. For example the people quoted in it: "
        "they need an account on the hub.",
    )
    partnerships = forms.ModelMultipleChoiceField(
        label="Partnerships to ask",
        queryset=active_partnerships(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone in these partnerships can open the draft and comment.",
    )
    message = forms.CharField(
        label="A note for them",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say what you would like them to look at, and by when.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Either list may be left empty, not both: the hints say so, "(optional)" would not.
        self.fields["people"].hide_optional = True
        self.fields["partnerships"].hide_optional = True

    def clean(self):
        data = super().clean()
        if not data.get("people") and not data.get("partnerships"):
            self.add_error("people", "Choose at least one person or partnership to share it with.")
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Say whether your words, and how you are described, look right to you.",
        error_messages={"required": "Write your comment."},
    )
