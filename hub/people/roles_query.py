"""The one query that reads a person's roles, built by the ORM once per process.

:func:`hub.people.roles._load` asks for everything about a person at once: their groups
(and whether each opens the admin), the admin permission on their own account, their
partnerships with the role and name in each, every registered membership lookup and count
(:mod:`hub.people.role_plugins`). That is a union of up to eight parts, and building and
compiling it through the ORM cost about 4 ms of CPU on every signed-in page, more than
running it. Its SQL depends only on which parts are asked for, never on the person except
through their id, so it is compiled once per shape and process with a stand-in id, and the
person's id is put in its place when it runs.

The contract that makes this safe, stated where apps plug in (``register_count``,
``register_membership_lookup``): a registered queryset may depend on the person's id only,
not on the clock or on other attributes of the person.
"""

from django.contrib.auth import get_user_model
from django.db import connection

from hub.people.models import Membership
from hub.people.role_plugins import _MEMBERSHIP_ROWS
from hub.people.role_plugins import count_parts as _count_parts

# An id no person has, so every place the person's id goes in the compiled SQL is known.
_STAND_IN_ID = -7_391_205_113
_compiled = {}  # (vendor, shape) -> (sql, params with the stand-in id)


def _admin_permission(**where):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin", **where
    )


def _union(user, *, memberships, member, lookups):
    """The roles query for ``user`` as a queryset: rows of (kind, ref, text, admin)."""
    from django.contrib.auth.models import Group
    from django.db.models import BooleanField, CharField, Exists, IntegerField, OuterRef, Value

    def row(kind, pk, text, admin):
        return (Value(kind, output_field=CharField()), pk, text, admin)

    groups = (
        Group.objects.filter(user=user)
        .order_by()
        .values_list(*row("group", "pk", "name", Exists(_admin_permission(group=OuterRef("pk")))))
    )
    own = (
        _admin_permission(user=user)
        .order_by()
        .values_list(
            *row(
                "own",
                Value(None, output_field=IntegerField()),
                Value("", output_field=CharField()),
                Value(True, output_field=BooleanField()),
            )
        )
    )
    no = Value(False, output_field=BooleanField())
    parts = [own]
    if memberships:
        mine = Membership.objects.filter(person=user).order_by()
        parts.append(mine.values_list(*row("membership", "partnership_id", "role", no)))
        # Their partnerships' names too (forms offer "Only people in ..."), joined here.
        parts.append(mine.values_list(*row("name", "partnership_id", "partnership__name", no)))
    parts.extend(_count_parts(user))
    if member:
        for name in lookups:
            parts.append(
                _MEMBERSHIP_ROWS[name](user)
                .order_by()
                .values_list(
                    Value("lookup", output_field=CharField()),
                    "pk",
                    Value(name, output_field=CharField()),
                    no,
                )
            )
    return groups.union(*parts, all=True)


def role_rows(user, *, memberships, member, lookups):
    """(kind, ref, text, admin) rows about signed-in ``user``, in one query.

    ``memberships``: include their partnerships (and the names of them); ``member``: they
    are an approved member, so the registered membership ``lookups`` (names) are read too.
    """
    shape = (connection.vendor, memberships, member, tuple(lookups))
    if shape not in _compiled:
        stand_in = get_user_model()(pk=_STAND_IN_ID)
        query = _union(stand_in, memberships=memberships, member=member, lookups=lookups)
        sql, params = query.query.get_compiler(connection=connection).as_sql()
        if _STAND_IN_ID not in params:  # the person must come in as a parameter
            raise AssertionError("The roles query does not take the person's id.")
        _compiled[shape] = (sql, tuple(params))
    sql, params = _compiled[shape]
    params = [user.pk if value == _STAND_IN_ID else value for value in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(kind, ref, text, bool(admin)) for kind, ref, text, admin in cursor.fetchall()]
