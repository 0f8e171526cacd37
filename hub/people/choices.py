"""What forms across the hub offer people to choose from the core's records: partnerships,
and people named as pickers name them."""

from django import forms

from hub.people import roles
from hub.people.models import Partnership


def active_partnerships():
    """The partnerships a form offers: the active ones, by name (a lazy queryset, so it can be
    a field's ``queryset`` where the form is declared)."""
    return Partnership.objects.filter(active=True).order_by("name")


def members_by_name():
    """The members a form offers, by name (lazy, like :func:`active_partnerships`)."""
    return roles.members().order_by("display_name", "pk")


class PersonChoice(forms.ModelChoiceField):
    """One member, each named by ``choice_label`` (their name and partnership), so two people
    with one name can be told apart."""

    def label_from_instance(self, person):
        return person.choice_label


class PeopleChoice(forms.ModelMultipleChoiceField):
    """Several members, each named like :class:`PersonChoice`."""

    def label_from_instance(self, person):
        return person.choice_label
