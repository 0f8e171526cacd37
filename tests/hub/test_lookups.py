"""``__any_of``: the rows of ``__in``, asked on PostgreSQL with one array parameter."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from hub.people.factories import UserFactory, member_of
from hub.people.models import Membership, User

pytestmark = pytest.mark.django_db


def test_any_of_finds_what_in_finds(partnership, other_partnership):
    people = [member_of(partnership), member_of(other_partnership), UserFactory()]
    ids = [people[0].pk, people[2].pk, None]
    assert set(User.objects.filter(pk__any_of=ids)) == set(User.objects.filter(pk__in=ids))
    # A foreign key, by id, and a dict's keys as roles.warm passes them.
    by_pk = {people[0].pk: people[0], people[1].pk: people[1]}
    assert sorted(
        Membership.objects.filter(person_id__any_of=by_pk).values_list("pk", flat=True)
    ) == sorted(Membership.objects.filter(person_id__in=by_pk).values_list("pk", flat=True))
    assert list(User.objects.filter(pk__any_of=[])) == []
    assert list(User.objects.filter(pk__any_of=[None])) == []
    assert User.objects.exclude(pk__any_of=[people[0].pk]).count() == 2


def test_any_of_takes_values_not_queries():
    with pytest.raises(ValueError, match="not a query"):
        list(User.objects.filter(pk__any_of=User.objects.values("pk")))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own form")
def test_on_postgresql_the_ids_are_one_array_parameter():
    people = UserFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        assert len(User.objects.filter(pk__any_of=[p.pk for p in people])) == 3
    assert "= ANY(" in queries[0]["sql"]
    assert "IN (" not in queries[0]["sql"]
