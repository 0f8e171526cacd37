from django import forms

from hub.core.widgets import QuickSelect
from hub.people.models import Invitation, Partnership, User
from hub.themes.models import Theme


def password_rules():
    """The password rules in plain words, from the validators the hub really uses."""
    from django.conf import settings

    length = 8
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        if validator["NAME"].endswith("MinimumLengthValidator"):
            length = validator.get("OPTIONS", {}).get("min_length", length)
    return (
        f"Use at least {length} characters. Three or four unrelated words work well. "
        "Avoid common passwords, only numbers, or anything like your name or email address."
    )


class SignupExtraForm(forms.Form):
    """Added to allauth's sign-up form: the name others see and the role in their own words."""

    display_name = forms.CharField(
        label="Your name",
        max_length=120,
        help_text="The name other members will see.",
        error_messages={"required": "Enter your name, as you would like others to see it."},
    )
    role_in_own_words = forms.CharField(
        label="Your role, in your own words",
        max_length=120,
        required=False,
        help_text="For example: parent, practitioner, senior leader. You can leave this blank.",
    )
    # The digest: chosen on joining, recorded with its date as consent to email.
    digest_frequency = forms.ChoiceField(
        label="How often would you like an email digest of what is new?",
        choices=[
            ("weekly", "Every week, on Mondays"),
            ("fortnightly", "Every two weeks, on Mondays"),
            ("monthly", "Once a month, on the first Monday"),
            ("off", "Never: no digest emails"),
        ],
        initial="weekly",
        widget=forms.RadioSelect,
        help_text="You can change this, or the day, at any time.",
        error_messages={"required": "Choose how often you would like the digest, or “Never”."},
    )

    def _in_the_hubs_words(self):
        """Labels and hints for the fields allauth adds after this form's ``__init__`` (the
        passwords): the rules up front in plain words, and a sensible order."""
        if getattr(self, "_hub_words_done", False):
            return
        self._hub_words_done = True
        if "email" in self.fields:
            self.fields["email"].label = "Your email address"
        if "password1" in self.fields:
            self.fields["password1"].label = "Choose a password"
            self.fields["password1"].help_text = password_rules()
        if "password2" in self.fields:
            self.fields["password2"].label = "Type the password again"
        order = ["email", "display_name", "role_in_own_words", "password1", "password2"]
        self.order_fields([name for name in order if name in self.fields])

    def __iter__(self):
        self._in_the_hubs_words()
        return super().__iter__()

    def clean(self):
        cleaned = super().clean()
        from hub.people.services import normalise_email

        email = cleaned.get("email")
        if (
            self.invitation is not None
            and email
            and normalise_email(email) != normalise_email(self.invitation.email)
        ):
            self.add_error(
                "email",
                "Your invitation was sent to the address shown here, so your account uses it. "
                "To join with a different address, ask the person who invited you to send a "
                "new invitation to that address.",
            )
            # The field is read-only: show the invited address again so they can go on.
            self.data = self.data.copy()
            self.data["email"] = self.invitation.email
        return cleaned

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.role_in_own_words = self.cleaned_data["role_in_own_words"]
        user.save()
        from hub.digests.services import set_preference

        set_preference(user, frequency=self.cleaned_data["digest_frequency"], day_of_week=0)
        partnership = self.cleaned_data.get("partnership")
        if partnership is not None and not user.is_approved:
            user.join_requests.create(partnership=partnership)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        from allauth.core import context

        from hub.people.adapters import invitation_in_session

        # Someone joining through an invitation joins with the address it was sent to.
        self.invitation = invitation_in_session(context.request)
        if self.invitation is not None and "email" in self.fields:
            self.initial["email"] = self.invitation.email
            email = self.fields["email"]
            email.initial = self.invitation.email
            email.widget.attrs["readonly"] = True
            email.help_text = "The address your invitation was sent to."
        if settings.HUB_OPEN_SIGNUP:
            self.fields["partnership"] = forms.ModelChoiceField(
                queryset=Partnership.objects.filter(active=True),
                required=False,
                label="Which partnership are you part of?",
                help_text="A lead from that partnership will approve you.",
                empty_label="Choose a partnership",
            )


class ProfileForm(forms.ModelForm):
    """The profile-edit form: who you are, what to ask you about, and what others see."""

    picture = forms.FileField(
        label="Your picture",
        required=False,
        help_text="A JPEG, PNG, GIF or WebP image up to 5 MB. We make a small square copy. "
        "Without one, others see your initials.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    remove_picture = forms.BooleanField(
        label="Remove my picture and show my initials instead", required=False
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "role_in_own_words",
            "ask_me_about",
            "bio",
            "themes",
            "in_directory",
            "show_email",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple, "bio": forms.Textarea(attrs={"rows": 4})}
        labels = {"display_name": "Your name"}
        error_messages = {
            "display_name": {"required": "Enter your name, as you would like others to see it."},
            "ask_me_about": {
                "max_length": "Keep “ask me about” to 200 characters or fewer.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.all()
        if not self.instance.avatar:
            del self.fields["remove_picture"]

    def clean_picture(self):
        from hub.people.avatars import small_square

        picture = self.cleaned_data.get("picture")
        if picture:
            # Checked and resized here, so a bad picture is an error by the field.
            self.small_picture = small_square(picture)
        return picture


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters (a GET form: a wrong value is ignored, never a 500)."""

    q = forms.CharField(label="Name or what to ask about", required=False, max_length=100)
    role = forms.CharField(label="Role, in their own words", required=False, max_length=100)
    partnership = forms.ModelChoiceField(
        queryset=Partnership.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="Any partnership",
        widget=QuickSelect,
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="Any theme",
        widget=QuickSelect,
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = Partnership.objects.visible_to(viewer)
        self.fields["theme"].queryset = Theme.objects.all()
        for name in self.fields:
            self.fields[name].hide_optional = True

    def filters(self):
        """The filters that are valid, as keyword arguments for ``directory.people_for``."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})

        def text(name):
            value = cleaned.get(name) or ""
            return "".join(c for c in value if c.isprintable()).strip()

        return {
            "query": text("q"),
            "role": text("role"),
            "partnership": cleaned.get("partnership"),
            "theme": cleaned.get("theme"),
        }


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "partnership", "role", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
        labels = {"email": "Their email address"}

    def __init__(self, *args, inviter, partnerships, roles, **kwargs):
        super().__init__(*args, **kwargs)
        from hub.people import roles as hub_roles

        partnership = self.fields["partnership"]
        partnership.queryset = partnerships
        partnership.error_messages["required"] = "Choose the partnership they will join."
        if hub_roles.is_officer(inviter):
            # Needed for members and leads only, so not "(optional)": the hint says when.
            partnership.required = False
            partnership.hide_optional = True
            partnership.empty_label = "None: they join the programme team"
            partnership.help_text = (
                "Needed for members and leads. Leave as “None” for programme officers "
                "and facilitators."
            )
        else:
            # A lead invites to the partnerships they lead: start with theirs chosen.
            partnership.required = True
            partnership.empty_label = None
            if "partnership" not in self.initial and len(partnerships) >= 1:
                self.initial["partnership"] = partnerships[0]
        self.fields["role"].choices = [c for c in Invitation.Role.choices if c[0] in roles]
        self.fields["email"].error_messages["required"] = "Enter their email address."

    def clean(self):
        cleaned = super().clean()
        role, partnership = cleaned.get("role"), cleaned.get("partnership")
        if role in (Invitation.Role.MEMBER, Invitation.Role.LEAD) and partnership is None:
            self.add_error("partnership", "Choose the partnership they will join.")
        return cleaned


def keep_or_remove(label, required):
    """What becomes of what a closing account posted in shared spaces: kept, shown as a former
    member's, or removed (``close_account``'s ``keep_contributions``)."""
    return forms.ChoiceField(
        label=label,
        choices=[
            ("keep", "Keep it, shown as written by \u201ca former member\u201d"),
            ("remove", "Remove it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": required},
    )


class CloseAccountForm(forms.Form):
    """The person closes their own account: what happens to what they posted, and that they
    understand it cannot be undone."""

    contributions = keep_or_remove(
        "What you posted in public and programme spaces",
        "Choose whether to keep or remove what you posted.",
    )
    confirm = forms.BooleanField(
        label="I understand that closing my account cannot be undone",
        error_messages={"required": "Tick the box to say you understand this cannot be undone."},
    )


class CloseSomeonesAccountForm(forms.Form):
    """An officer closes an account on the person's request: why (for the record) and what
    happens to what they posted, as the person asked."""

    reason = forms.CharField(
        label="Why the account is being closed",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "For the record: how and when they asked, for example \u201cAsked by email on "
            "1 December\u201d. Do not write anything about their circumstances."
        ),
        error_messages={
            "required": "Enter why the account is being closed, for the record",
            "max_length": "Keep the reason to 1,000 characters or fewer",
        },
    )
    contributions = keep_or_remove(
        "What they posted in public and programme spaces",
        "Choose whether to keep or remove what they posted",
    )
