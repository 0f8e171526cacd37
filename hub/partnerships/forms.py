from django import forms

from hub.partnerships.models import Reply, Thread


class ThreadForm(forms.ModelForm):
    share = forms.BooleanField(
        label="Share with the programme team",
        required=False,
        help_text="Programme officers and facilitators can then read it and its replies. "
        "Leave it unticked to keep it within your partnership.",
    )

    class Meta:
        model = Thread
        fields = ["title", "body"]
        labels = {"title": "Title"}
        help_texts = {"title": "For example: Cover needed for Saturday's stay and play."}
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "title": {"required": "Enter a title."},
            "body": {"required": "Enter your message."},
        }


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"body": {"required": "Enter your reply."}}
