"""Template helpers for the hub's one form pattern (templates/includes/field.html).

Django points a field's ``aria-describedby`` at ``<id>_helptext``, but the hub's hint is
``<id>_hint``; these helpers render the widget with the ids the page really has, and turn
Django's generic "This field is required." into a sentence that says what to do.
"""

from django import template
from django.forms.fields import Field

register = template.Library()

REQUIRED = str(Field.default_error_messages["required"])


def described_by(field):
    """The ids of the hint and the error message beside ``field``, as the page has them."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_hint")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def widget(field):
    """The field's input, described by its hint and error (for fieldsets: no attribute).

    Placeholders (allauth sets them) are dropped: the label says what to enter, and a
    placeholder vanishes as soon as someone types (the form's own instance, not the class)."""
    field.field.widget.attrs.pop("placeholder", None)
    ids = described_by(field)
    if not ids or field.use_fieldset:
        return field.as_widget()
    return field.as_widget(attrs={"aria-describedby": ids})


@register.filter
def fieldset_described_by(field):
    """``aria-describedby`` ids for a radio or checkbox group's fieldset."""
    return described_by(field)


@register.filter
def first_input_id(field):
    """Where an error summary link should land: a group's first option, else the input."""
    if field.use_fieldset:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


def _lowered(label):
    label = str(label)
    if len(label) > 1 and label[1:2].islower():
        return label[0].lower() + label[1:]
    return label


@register.filter
def plain_error(error, field):
    """Django's "This field is required." said as what to do, for this field."""
    if str(error) != REQUIRED:
        return error
    input_type = getattr(field.field.widget, "input_type", "")
    if field.use_fieldset or input_type in ("radio", "select", "checkbox"):
        if getattr(field.field.widget, "allow_multiple_selected", False):
            return f"Choose at least one option for “{field.label}”."
        return f"Choose an answer for “{field.label}”."
    if input_type == "file":
        return f"Choose a file for “{field.label}”."
    return f"Enter {_lowered(field.label)}."
