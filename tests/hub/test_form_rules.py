"""Every form class in the apps follows the hub's wording rules (issue 11):

- no "---------" choice: an empty choice says what to do ("Choose a partnership"), or there is
  none;
- "(optional)" only on optional fields: a field the form marks optional must not be refused
  as missing when the form is sent empty;
- a missing answer is said as what to do ("Enter a title"), never "This field is required."

The forms are found by walking the apps' ``forms`` modules, so a new form is checked too."""

import importlib
import inspect
import pkgutil

from django import forms
from django.forms.fields import Field
from django.template.loader import render_to_string

import pytest

from hub.core.templatetags.hub_forms import plain_error
from hub.people.factories import OfficerFactory, member_of
from hub.people.models import Partnership, User

pytestmark = pytest.mark.django_db

APPS = ["hub", "events", "briefings", "learning_sets"]
REQUIRED = str(Field.default_error_messages["required"])
DASHES = "---------"


def form_classes():
    found = {}
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if info.name.rsplit(".", 1)[-1] != "forms" or ".tests" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, cls in vars(module).items():
                if (
                    inspect.isclass(cls)
                    and issubclass(cls, forms.BaseForm)
                    and cls.__module__ == module.__name__
                ):
                    found[f"{module.__name__}.{name}"] = cls
    return found


FORMS = form_classes()


def test_the_walk_finds_the_apps_forms():
    assert len(FORMS) > 30
    assert "hub.library.forms.ResourceForm" in FORMS
    assert "learning_sets.forms.FileForm" in FORMS


@pytest.fixture
def kwargs_pool(partnership):
    from learning_sets.factories import make_set

    person = member_of(partnership)
    return {
        "user": person,
        "viewer": person,
        "inviter": person,
        "partnerships": Partnership.objects.all(),
        "roles": [("member", "Member")],
        "colleagues": User.objects.all(),
        "learning_set": make_set(),
        "is_lead": False,
        "preference": None,
        "choices": None,
    }


def make(cls, pool, **form_kwargs):
    params = inspect.signature(cls.__init__).parameters
    kwargs = {name: pool[name] for name in params if name in pool}
    return cls(**form_kwargs, **kwargs)


def rendered_choices(field):
    choices = getattr(field, "choices", None)
    if choices is None:
        return []
    return [str(label) for _, label in choices]


@pytest.mark.parametrize("path", sorted(FORMS))
def test_no_dashes_choice_and_no_optional_field_that_is_required(path, kwargs_pool):
    cls = FORMS[path]
    officer = OfficerFactory()
    as_officer = {**kwargs_pool, "user": officer, "viewer": officer, "inviter": officer}
    for pool in (kwargs_pool, as_officer):
        form = make(cls, pool)
        for name, field in form.fields.items():
            assert DASHES not in rendered_choices(field), (
                f"{path}.{name} offers '{DASHES}': give empty_label words, e.g. 'Choose a theme'"
            )
    sent_empty = make(cls, kwargs_pool, data={})
    sent_empty.is_valid()
    for name, errors in sent_empty.errors.items():
        if name == "__all__" or name not in sent_empty.fields:
            continue
        field = sent_empty.fields[name]
        bound = sent_empty[name]
        for error in errors:
            said = str(plain_error(error, bound))
            assert said != REQUIRED, f"{path}.{name} says '{REQUIRED}'"
            assert "This field" not in said, f"{path}.{name} says '{said}'"
        shown_optional = not field.required and not getattr(field, "hide_optional", False)
        assert not shown_optional, (
            f"{path}.{name} is shown '(optional)' but an empty form is refused: {errors}"
        )


@pytest.mark.parametrize("path", sorted(FORMS))
def test_optional_is_shown_only_on_optional_fields(path, kwargs_pool):
    form = make(FORMS[path], kwargs_pool)
    for name in form.fields:
        bound = form[name]
        if bound.is_hidden:
            continue
        html = render_to_string("includes/field.html", {"field": bound})
        if form.fields[name].required:
            assert "(optional)" not in html, f"{path}.{name} is required but says (optional)"
