"""Roles and their per-request cache come from hub/people/roles.py alone."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from events.models import group_ids_of
from hub.people import roles
from hub.people.factories import MembershipFactory, UserFactory
from hub.people.models import Membership, User
from learning_sets.factories import make_set

pytestmark = pytest.mark.django_db


def fresh(person):
    return User.objects.get(pk=person.pk)


def _private_attributes(person):
    return {name for name in vars(person) if name.startswith(("_hub", "_digest", "_roles"))}


def test_everything_roles_learn_is_kept_in_one_attribute(member, facilitator):
    learning_set = make_set(facilitators=[facilitator], members=[member])
    person = fresh(member)
    assert roles.is_member(person) and not roles.is_officer(person)
    assert roles.partnership_ids_of(person)
    assert roles.set_ids_of(person) == {learning_set.pk}
    assert group_ids_of(person) == {learning_set.group_id}
    assert _private_attributes(person) == {"_roles"}
    roles.forget(person)
    assert _private_attributes(person) == set()


def test_warm_answers_many_people_in_a_fixed_number_of_queries(partnership, facilitator):
    def people(n):
        made = []
        for i in range(n):
            person = UserFactory(email=f"p{n}-{i}@example.org")
            MembershipFactory(
                person=person,
                partnership=partnership,
                role=Membership.Role.LEAD if i % 2 else Membership.Role.MEMBER,
            )
            made.append(person)
        make_set(name=f"Set {n}", facilitators=[facilitator], members=made)
        return [fresh(p) for p in made]

    def cost(batch):
        with CaptureQueriesContext(connection) as warming:
            roles.warm(batch)
        with CaptureQueriesContext(connection) as asking:
            for person in batch:
                roles.partnership_ids_of(person)
                roles.led_partnership_ids_of(person)
                roles.set_ids_of(person)
                roles.is_officer(person)
                group_ids_of(person)
        assert len(asking) == 0
        return len(warming)

    # A set holds eight at most: 2 and 8 people, each in a set and a partnership.
    few, many = people(2), people(8)
    assert cost(few) == cost(many) <= 4
    assert roles.led_partnership_ids_of(many[1]) == {partnership.pk}
    assert roles.led_partnership_ids_of(many[0]) == set()
    assert len({frozenset(roles.set_ids_of(p)) for p in many}) == 1


def test_members_are_approved_active_people(member):
    UserFactory(email="waiting@example.org", is_approved=False)
    UserFactory(email="gone@example.org", is_active=False)
    assert set(roles.members()) == {p for p in User.objects.all() if roles.is_member(p)}
    assert member in roles.members()


def test_a_content_app_plugs_its_memberships_in(member, monkeypatch):
    monkeypatch.setitem(
        roles._MEMBERSHIP_LOOKUPS,
        "circles",
        (lambda user: {7}, lambda people: {p.pk: {7, 8} for p in people}),
    )
    assert roles.memberships_of(fresh(member), "circles") == {7}
    batch = [fresh(member)]
    roles.warm(batch)
    assert roles.memberships_of(batch[0], "circles") == {7, 8}
    # Visitors and people awaiting approval are in nothing.
    assert roles.memberships_of(UserFactory(is_approved=False), "circles") == set()


def test_the_roles_query_compiled_once_answers_each_person_with_their_own_roles(
    member, lead, outsider, facilitator, other_partnership
):
    """The roles SQL is compiled once per shape and reused with another person's id: each
    person still gets their own partnerships, role, sets, groups and unread count."""
    from hub.notifications.context_processors import UNREAD
    from hub.notifications.models import Notification
    from hub.people import roles_query

    learning_set = make_set(facilitators=[facilitator], members=[outsider])
    MembershipFactory(person=lead, partnership=other_partnership, role=Membership.Role.MEMBER)
    Notification.objects.create(recipient=lead, kind="answer")
    Notification.objects.create(recipient=lead, kind="answer")
    roles_query._compiled.clear()

    asked = [fresh(p) for p in (member, lead, outsider, facilitator)]
    for person in asked:
        roles.is_officer(person)
    assert len(roles_query._compiled) <= 2  # members share one shape; the facilitator too

    m, le, out, fac = asked
    assert roles.partnership_ids_of(m) == {member.memberships.get().partnership_id}
    assert roles.led_partnership_ids_of(le) == {lead.memberships.get(role="lead").partnership_id}
    assert roles.partnership_ids_of(le) == set(
        lead.memberships.values_list("partnership_id", flat=True)
    )
    assert len(roles.partnership_ids_of(le)) == 2
    assert roles.set_ids_of(out) == {learning_set.pk} and roles.set_ids_of(m) == set()
    assert roles.is_facilitator(fac) and not roles.is_facilitator(m)
    assert roles.can_use_admin(fac) and not roles.can_use_admin(le)
    assert roles.count_of(le, UNREAD) == 2 and roles.count_of(m, UNREAD) == 0
