"""``field__any_of=ids``: the rows ``field__in=ids`` gives, asked on PostgreSQL as
``field = ANY(%s)`` with ONE array parameter.

A digest batch asks about its 500 people in about ten queries (their roles, sets, themes,
notifications, registrations, preferences). With ``__in`` each query has 500 placeholders,
which psycopg's client-side binding splits out of a query too long for its cache and quotes
one by one: about 5 ms of CPU a query, against under 1 ms for one array. Other databases
(SQLite in the tests) get the ordinary ``IN``. Only for lists of values, not subqueries.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject
from django.db.models.lookups import In


class AnyOf(In):
    """``IN`` everywhere, ``= ANY(array)`` on PostgreSQL."""

    lookup_name = "any_of"

    def get_prep_lookup(self):
        if hasattr(self.rhs, "resolve_expression"):
            raise ValueError("any_of takes a list of values, not a query: use __in.")
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # Prepared by the field (get_prep_lookup), as for IN; NULL never matches either way.
        values = [value for value in self.rhs if value is not None]
        if not values:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (*lhs_params, values)


def register():
    """Make ``__any_of`` available on every model field (from CoreConfig.ready); foreign keys
    keep their own list of lookups, so they are given it too (ids only, not objects)."""
    Field.register_lookup(AnyOf)
    ForeignObject.register_lookup(AnyOf)
