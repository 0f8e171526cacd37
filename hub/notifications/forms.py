from django import forms

from hub.notifications import kinds
from hub.notifications.models import Announcement
from hub.people.models import Partnership
from hub.themes.models import Theme


class PreferencesForm(forms.Form):
    """One set of radios per kind: in the hub only, also by email, in the digest, or off."""

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.all_kinds():
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.hint,
                choices=[(c, kinds.Channel(c).label) for c in kind.channels],
                initial=(choices or {}).get(kind.key, kind.default),
                widget=forms.RadioSelect,
            )


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body", "audience", "theme", "partnership"]
        labels = {"audience": "Who is it for?"}
        help_texts = {
            "title": "A short line people see in their notifications.",
            "theme": "Only when it is for the people following a theme.",
            "partnership": "Only when it is for one partnership.",
        }
        widgets = {"audience": forms.RadioSelect, "body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.order_by("name")
        self.fields["partnership"].queryset = Partnership.objects.order_by("name")
        self.fields["audience"].choices = Announcement.Audience.choices
        self.fields["theme"].empty_label = "Choose a theme"
        self.fields["partnership"].empty_label = "Choose a partnership"
        for name in ("theme", "partnership"):
            self.fields[name].hide_optional = True

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience == Announcement.Audience.THEME and not data.get("theme"):
            self.add_error("theme", "Choose the theme whose followers should hear this")
        if audience == Announcement.Audience.PARTNERSHIP and not data.get("partnership"):
            self.add_error("partnership", "Choose the partnership that should hear this")
        return data
