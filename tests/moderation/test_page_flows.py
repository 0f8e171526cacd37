"""The one way a member's form becomes a change (hub.moderation.pages.save_through), which the
learning sets' pages use too (learning_sets.views.base.on_valid_post)."""

from django import forms
from django.test import RequestFactory

from hub.core.services import ServiceError
from hub.moderation.pages import save_through
from learning_sets.views.base import on_valid_post


class _NoteForm(forms.Form):
    body = forms.CharField()


def _post(body):
    return RequestFactory().post("/", {"body": body})


def test_a_valid_form_goes_where_the_change_says_with_its_message():
    said = []
    response = save_through(
        _post("Thanks"),
        _NoteForm({"body": "Thanks"}),
        lambda data: f"/notes/{data['body']}/",
        "Saved.",
        level=lambda request, text: said.append(text),
    )
    assert response.status_code == 302
    assert response.url == "/notes/Thanks/"
    assert said == ["Saved."]


def test_then_overrides_where_a_change_leads_and_no_message_means_none_said():
    said = []
    response = save_through(
        _post("Thanks"),
        _NoteForm({"body": "Thanks"}),
        lambda data: "/notes/1/",
        "",
        then="/space/",
        level=lambda request, text: said.append(text),
    )
    assert response.url == "/space/"
    assert said == []


def test_a_refused_change_lands_on_the_form_with_what_was_typed():
    form = _NoteForm({"body": "Too late"})

    def refuse(data):
        raise ServiceError("This set has closed.", field="body")

    assert save_through(_post("Too late"), form, refuse, "Saved.") is None
    assert form.errors["body"] == ["This set has closed."]
    assert form["body"].value() == "Too late"


def test_a_set_page_without_a_form_shows_the_page():
    # A break-glass reader has no form: nothing is changed, the page is shown.
    assert on_valid_post(_post("x"), None, lambda data: "/", message="Saved.") is None
    said = []
    response = on_valid_post(
        _post("Hello"),
        _NoteForm({"body": "Hello"}),
        lambda data: "/discussion/",
        message="Posted.",
        level=lambda request, text: said.append(text),
    )
    assert (response.url, said) == ("/discussion/", ["Posted."])
