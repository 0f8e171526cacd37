from django import forms

from hub.questions.models import Answer, Question
from hub.themes.models import Theme

MENTION_HINT = (
    "Markdown works: **bold**, *italic*, lists and [links](https://example.org). "
    "To tell a member, mention them with the “Mention a member” box below "
    "(it writes @[their name](their number))."
)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["title", "body", "themes"]
        labels = {"title": "Your question, in one line"}
        help_texts = {
            "title": "For example: How do you get parents' consent for photos at events?",
            "body": MENTION_HINT,
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "themes": forms.CheckboxSelectMultiple,
        }


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["body"]
        help_texts = {"body": MENTION_HINT}
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class QuestionFilterForm(forms.Form):
    SHOW_CHOICES = [
        ("newest", "All questions, newest first"),
        ("unanswered", "Waiting for an answer"),
        ("solved", "Solved (an answer is accepted)"),
    ]
    q = forms.CharField(label="Search questions", required=False, max_length=200)
    show = forms.ChoiceField(label="Show", choices=SHOW_CHOICES, required=False)
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any theme",
    )
