"""Forms for joining sets and working in a set's space."""

from django import forms
from django.utils import timezone

from hub.core.private_files.kept import KeepsUploads
from hub.people import roles
from hub.people.models import User
from learning_sets.models import ActionReview, LearningSet
from learning_sets.uploads import max_mb

AGREE_LABEL = "I agree to the ground rules, and that what is said in the set stays in the set"


def _agree(missing):
    """The ground rules box every way into a set has; ``missing`` says why it must be ticked."""
    return forms.BooleanField(
        label=AGREE_LABEL, required=True, error_messages={"required": missing}
    )


def _current_members(learning_set):
    """The set's current members, by name (facilitators are not among them)."""
    return User.objects.filter(
        set_memberships__learning_set=learning_set, set_memberships__left_at__isnull=True
    ).order_by("display_name")


def _when(label):
    """A date and time typed in the browser's own picker."""
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class JoinRequestForm(forms.Form):
    note = forms.CharField(
        label="A short note to the facilitator",
        help_text="Why you would like to join, and anything the facilitator should know.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        required=False,
    )
    agree = _agree("Please agree to the ground rules to ask to join.")


class AcceptInvitationForm(forms.Form):
    agree = _agree("Please agree to the ground rules to join.")


class LeaveForm(forms.Form):
    anonymise = forms.BooleanField(
        label="Show what I wrote as 'a former member' instead of my name",
        required=False,
    )


class InviteForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Person to invite",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        help_text="Programme members who are not yet in the set.",
    )

    def __init__(self, *args, learning_set, **kwargs):
        super().__init__(*args, **kwargs)
        inside = learning_set.current_memberships().values("person_id")
        self.fields["person"].queryset = (
            User.objects.filter(is_active=True, is_approved=True)
            .exclude(pk__in=inside)
            .order_by("display_name")
        )


class SessionForm(forms.Form):
    starts_at = _when("Starts")
    ends_at = _when("Ends")
    joining_link = forms.URLField(
        label="Joining link",
        required=False,
        help_text="Only people registered for the session see it.",
        assume_scheme="https",
    )
    presenters = forms.ModelMultipleChoiceField(
        label="Who is presenting",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, learning_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenters"].queryset = _current_members(learning_set)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The session must end after it starts.")
        if starts and starts < timezone.now() - timezone.timedelta(days=365):
            self.add_error("starts_at", "Choose a date within the last year or in the future.")
        return data


class IssueForm(forms.Form):
    presenter = forms.ModelChoiceField(
        label="Who presented", queryset=User.objects.none(), empty_label="Choose who presented"
    )
    issue = forms.CharField(
        label="The issue, in the presenter's words",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    helpful_questions = forms.CharField(
        label="Questions that helped",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    actions = forms.CharField(
        label="Actions the presenter commits to",
        help_text="One action per line.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )

    def __init__(self, *args, learning_set, user, **kwargs):
        super().__init__(*args, **kwargs)
        people = _current_members(learning_set)
        if not learning_set.is_facilitated_by(user):
            # Members record their own issue; facilitators may record for anyone.
            people = people.filter(pk=user.pk)
        self.fields["presenter"].queryset = people.order_by("display_name")
        self.fields["presenter"].initial = user.pk

    def action_lines(self):
        return [line for line in self.cleaned_data.get("actions", "").splitlines() if line.strip()]


class ActionForm(forms.Form):
    text = forms.CharField(
        label="Add an action",
        max_length=1000,
        widget=forms.TextInput(),
        error_messages={"required": "Write the action before adding it"},
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happened to this action?",
        choices=ActionReview.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened to the action"},
    )
    note = forms.CharField(
        label="A note", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label="Your message", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FileForm(KeepsUploads, forms.Form):
    """A file for the set's shared area; the chosen file is kept across an error."""

    title = forms.CharField(label="Title", max_length=200, required=False)
    file = forms.FileField(label="File")

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        # Read when the form is made, so the help follows the setting.
        self.fields["file"].help_text = f"PDF, Office, text or image files up to {max_mb()} MB."


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label="Who came",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, learning_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = User.objects.filter(
            set_memberships__learning_set=learning_set
        ).distinct()


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why you need to open this set's space",
        help_text="The set's members and facilitators will see this, with your name and the time.",
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=1000,
    )
    confirm = forms.BooleanField(
        label="I understand this is recorded and shown to the set",
        required=True,
    )


class LearningSetForm(forms.ModelForm):
    """The basics of a set: never its content."""

    facilitators = forms.ModelMultipleChoiceField(
        label="Facilitators",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = LearningSet
        fields = ["name", "purpose", "rhythm", "max_size", "ground_rules", "themes"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "ground_rules": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = User.objects.filter(
            groups__name=roles.FACILITATORS, is_active=True
        ).order_by("display_name")
        if self.instance.pk:
            self.fields["facilitators"].initial = list(
                self.instance.facilitators.values_list("pk", flat=True)
            )
        self.fields["max_size"].min_value = 2

    def clean_name(self):
        from django.utils.text import slugify

        name = self.cleaned_data["name"]
        clash = LearningSet.objects.filter(slug=slugify(name)[:150])
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Another set has a name too like this one.")
        return name
