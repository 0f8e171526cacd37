"""One service error type, shown on forms by one helper."""

from django import forms
from django.core.exceptions import ValidationError

import pytest

from hub.core.services import ServiceError, apply_service_error, validation_as_service_error


class JoinForm(forms.Form):
    title = forms.CharField()
    note = forms.CharField(required=False)


def _valid_form():
    form = JoinForm({"title": "Co-production huddle", "note": "Keen to come"})
    assert form.is_valid()
    return form


def test_an_error_naming_a_field_of_the_form_sits_on_that_field():
    form = _valid_form()
    apply_service_error(form, ServiceError("That title is taken.", field="title"))
    assert form.errors == {"title": ["That title is taken."]}
    assert form.non_field_errors() == []


def test_an_error_naming_no_field_or_an_unknown_one_is_a_non_field_error():
    form = _valid_form()
    apply_service_error(form, ServiceError("The set is full.", code="full"))
    apply_service_error(form, ServiceError("Choose a file to upload.", field="file"))
    assert form.non_field_errors() == ["The set is full.", "Choose a file to upload."]
    assert "title" not in form.errors


def test_the_form_keeps_what_the_person_typed():
    form = _valid_form()
    apply_service_error(form, ServiceError("Registration has closed."))
    html = form.as_div()
    assert 'value="Co-production huddle"' in html
    assert 'value="Keen to come"' in html
    assert "Registration has closed." in str(form.non_field_errors())


def test_a_model_validation_error_keeps_each_message_with_its_field():
    error = ServiceError.from_validation_error(
        ValidationError({"title": ["Too long."], "__all__": ["Not allowed as it is."]})
    )
    form = _valid_form()
    apply_service_error(form, error)
    assert form.errors["title"] == ["Too long."]
    assert form.non_field_errors() == ["Not allowed as it is."]
    assert str(error) == "Too long. Not allowed as it is."


def test_a_message_without_a_field_can_be_given_one():
    error = ServiceError.from_validation_error(
        ValidationError("This kind of file is not allowed."), field="note"
    )
    assert error.field == "note"
    form = _valid_form()
    apply_service_error(form, error)
    assert form.errors == {"note": ["This kind of file is not allowed."]}


def test_the_message_and_code_are_kept():
    error = ServiceError("The set is full.", code="full")
    assert str(error) == "The set is full."
    assert error.messages == ["The set is full."]
    assert error.code == "full"
    assert error.field is None


def test_a_service_turns_a_validation_error_into_a_service_error():
    with pytest.raises(ServiceError) as raised, validation_as_service_error(field="file"):
        raise ValidationError("This kind of file is not allowed.")
    assert raised.value.errors == [("file", "This kind of file is not allowed.")]
