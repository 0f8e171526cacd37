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


# (template, form's fingerprint) -> HTML of a blank form: bounded, per process.
_BLANK_FORMS = {}
_BLANK_FORMS_KEPT = 256


def _fingerprint(form):
    """Everything a blank form's HTML is made from, or None if it cannot be told cheaply
    (a choice list read from the database, say, which may change between requests)."""
    fields = []
    for name, field in form.fields.items():
        choices = getattr(field, "choices", ())
        if not isinstance(choices, (list, tuple)):
            return None
        widget = field.widget
        fields.append(
            (
                name,
                type(field),
                type(widget),
                repr(form.get_initial_for_field(field, name)),
                str(field.label),
                str(field.help_text),
                field.required,
                repr(sorted(widget.attrs.items())),
                repr(choices),
                getattr(field, "hide_optional", False),
            )
        )
    return (type(form), form.prefix, form.auto_id, tuple(fields))


@register.simple_tag
def blank_form(template_name, form):
    """``template_name`` rendered with ``form`` alone, rendered once per process while the
    form is blank.

    A page that offers the same empty form several times (a briefing's response and topic
    forms, one per prompt) spent a third of its time in Django's widget templates making the
    same HTML again. A bound form (with the person's input and errors) is always rendered
    afresh. The template must read nothing but ``form`` (no request, no csrf token)."""
    from django.template.loader import render_to_string

    key = None if form.is_bound else _fingerprint(form)
    if key is not None:
        key = (template_name, key)
        if key in _BLANK_FORMS:
            return _BLANK_FORMS[key]
    html = render_to_string(template_name, {"form": form})
    if key is not None:
        if len(_BLANK_FORMS) >= _BLANK_FORMS_KEPT:
            _BLANK_FORMS.clear()
        _BLANK_FORMS[key] = html
    return html
