"""Factories for people and partnerships, shared by the tests and ``seed_demo``."""

from django.contrib.auth.models import Group

import factory

from hub.people import roles
from hub.people.models import Invitation, Membership, Partnership, User
from hub.themes.factories import NamedFactory

DEMO_PASSWORD = "learning-together-2026"  # noqa: S105 - demo and tests only


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name", locale="en_GB")
    role_in_own_words = "practitioner"
    is_approved = True
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Mark the email verified, as allauth would after the link is followed."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )
        if create:
            self.save()


def _in_group(name):
    """A post-generation step that puts the new person in the Django group ``name``."""

    def add(person, create, extracted, **kwargs):
        if create:
            person.groups.add(Group.objects.get(name=name))

    return factory.PostGeneration(add)


class OfficerFactory(UserFactory):
    role_in_own_words = "programme officer"
    is_staff = True
    group = _in_group(roles.OFFICERS)


class FacilitatorFactory(UserFactory):
    role_in_own_words = "learning partner"
    is_staff = True
    group = _in_group(roles.FACILITATORS)


class PartnershipFactory(NamedFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    locality = "Somewhere"
    description = "A partnership of council, health and voluntary organisations and parents."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        django_get_or_create = ("person", "partnership")

    person = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Membership.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    partnership = factory.SubFactory(PartnershipFactory)
    role = Invitation.Role.MEMBER
    invited_by = factory.SubFactory(OfficerFactory)


def member_of(partnership, role=Membership.Role.MEMBER, **user_kwargs):
    """A new person who belongs to ``partnership``."""
    person = UserFactory(**user_kwargs)
    MembershipFactory(person=person, partnership=partnership, role=role)
    return person
