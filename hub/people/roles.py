"""Roles come from here and nowhere else, and so do their per-request caches.

Programme-wide roles are Django groups (created by a migration with their Wagtail admin
permissions); partnership roles are memberships. Content apps that have memberships of their
own (action learning sets) plug their lookups in with :func:`register_membership_lookup`, so
this module imports no content app.

Caching: everything this module learns about a person is kept in ONE private attribute on the
user object, ``user._roles`` (a :class:`_Roles`), for the length of a request. Nothing else
may cache roles on a user. :func:`warm` fills it for many people at once (bulk senders such as
the digest call it once per batch, so every ``can_view`` afterwards is query-free);
:func:`forget` drops it after someone's memberships change.
"""

from django.contrib.auth import get_user_model

from hub.people.models import Membership, Partnership
from hub.people.role_plugins import (  # noqa: F401 - the plug-in points are roles' API
    _COUNTS,
    _MEMBERSHIP_LOOKUPS,
    _MEMBERSHIP_ROWS,
    register_count,
    register_membership_lookup,
)

OFFICERS = "Programme officers"
FACILITATORS = "Facilitators"


class _Roles:
    """What is known about one person this request. ``None`` means "not asked yet"."""

    __slots__ = ("groups", "admin", "partnerships", "led", "names", "lookups", "extra")

    def __init__(self):
        self.groups = None  # {group id: group name}
        self.admin = None  # may open the Wagtail admin (wagtailadmin.access_admin)
        self.partnerships = None  # {partnership id, ...}
        self.led = None  # {partnership id, ...} the person leads
        self.names = None  # {partnership id: name} of their partnerships
        self.lookups = {}  # {lookup name: {id, ...}} from registered membership lookups
        self.extra = {}  # {key: value} for content apps' own per-request answers (see cached)


def count_of(user, name):
    """The registered count ``name`` for ``user`` (0 for a visitor), once per request."""
    if not (user and user.is_authenticated):
        return 0
    cache = _cache(user)
    key = ("count", name)
    if key not in cache.extra:
        if cache.groups is None:
            _load(user)  # the count comes with the roles, in the same query
        if key not in cache.extra:  # the roles were read before: count it alone
            cache.extra[key] = _COUNTS[name](user).count()
    return cache.extra[key]


def _cache(user):
    if user is None:
        return _Roles()
    cache = getattr(user, "_roles", None)
    if cache is None:
        cache = _Roles()
        user._roles = cache
    return cache


def forget(user):
    """Drop everything cached about ``user`` (after they join or leave a partnership or set)."""
    if hasattr(user, "_roles"):
        del user._roles


def cached(user, key, compute):
    """``compute()`` once per request for ``user`` under ``key``: content apps' own answers
    that depend on roles (e.g. the sets whose space a person may open) live in the same cache,
    so :func:`forget` drops them too."""
    extra = _cache(user).extra
    if key not in extra:
        extra[key] = compute()
    return extra[key]


def members():
    """Everyone who counts as a member: approved and active (see :func:`is_member`)."""
    return get_user_model().objects.filter(is_active=True, is_approved=True)


def is_member(user):
    """A signed-in, approved person: may see programme-only things."""
    return bool(user and user.is_authenticated and user.is_active and user.is_approved)


def _load(user):
    """Everything about one person's roles in ONE query: their groups (and whether each gives
    the admin), the admin permission held on their own account, and their partnerships with
    the role in each. Every role check in a request reads this (the query:
    :mod:`hub.people.roles_query`)."""
    from hub.people.roles_query import role_rows

    cache = _cache(user)
    cache.groups, cache.admin = {}, False
    if cache.partnerships is None:
        cache.partnerships, cache.led = set(), set()
        with_memberships = True
    else:
        with_memberships = False
    if not user.pk:
        return cache
    member = is_member(user)
    if with_memberships and member:
        cache.names = {}
    lookups = [name for name in _MEMBERSHIP_ROWS if name not in cache.lookups] if member else []
    for name in lookups:
        cache.lookups[name] = set()
    rows = role_rows(user, memberships=with_memberships and member, member=member, lookups=lookups)
    for kind, ref, text, admin in rows:
        if kind == "count":
            cache.extra[("count", text)] = ref
        elif kind == "lookup":
            cache.lookups[text].add(ref)
        elif kind == "group":
            cache.groups[ref] = text
            cache.admin = cache.admin or admin
        elif kind == "own":
            cache.admin = True
        elif kind == "name":
            cache.names[ref] = text
        else:
            cache.partnerships.add(ref)
            if text == Membership.Role.LEAD:
                cache.led.add(ref)
    return cache


def _groups(user):
    cache = _cache(user)
    if cache.groups is None:
        _load(user)
    return cache.groups


def group_ids_of(user):
    """The ids of the Django groups this person is in (an empty set for visitors)."""
    if not (user and user.is_authenticated):
        return set()
    return set(_groups(user))


def _group_names(user):
    return set(_groups(user).values())


def is_officer(user):
    return is_member(user) and (user.is_superuser or OFFICERS in _group_names(user))


def is_facilitator(user):
    return is_member(user) and FACILITATORS in _group_names(user)


def own_or_officers(queryset, user, person_field="person"):
    """Rows about people (feedback, support): a member's own, every row for programme
    officers, none for anyone else. The one-object twin is :func:`is_own_or_officer`."""
    if not is_member(user):
        return queryset.none()
    return queryset if is_officer(user) else queryset.filter(**{person_field: user})


def is_own_or_officer(user, person_id):
    return is_member(user) and (person_id == user.pk or is_officer(user))


def is_programme_team(user):
    """Officers and facilitators: the people who run the learning programme."""
    return is_officer(user) or is_facilitator(user)


def partnerships_of(user):
    """The partnerships this person belongs to (an empty queryset for visitors)."""
    if not is_member(user):
        return Partnership.objects.none()
    return Partnership.objects.filter(memberships__person=user)


def _fill_partnerships(user):
    cache = _cache(user)
    if cache.partnerships is None and cache.groups is None and user is not None and user.pk:
        _load(user)  # with the groups, in the same query
    if cache.partnerships is None:
        cache.partnerships, cache.led = set(), set()
        if is_member(user):
            for partnership_id, role in Membership.objects.filter(person=user).values_list(
                "partnership_id", "role"
            ):
                cache.partnerships.add(partnership_id)
                if role == Membership.Role.LEAD:
                    cache.led.add(partnership_id)
    return cache


def partnership_names_of(user):
    """``{partnership id: name}`` for the partnerships this person belongs to, by name (read
    in the one roles query; empty for visitors)."""
    if not is_member(user):
        return {}
    cache = _fill_partnerships(user)
    if cache.names is None:
        cache.names = dict(
            Partnership.objects.filter(memberships__person=user).values_list("pk", "name")
        )
    return dict(sorted(cache.names.items(), key=lambda item: (item[1], item[0])))


def partnership_ids_of(user):
    """Ids of ``partnerships_of(user)`` (cached for the request)."""
    return _fill_partnerships(user).partnerships


def led_partnership_ids_of(user):
    """Ids of the partnerships this person leads (cached for the request)."""
    return _fill_partnerships(user).led


# The themes a person follows are read in the same query (My hub and theme-ranked lists ask).
_MEMBERSHIP_ROWS["themes"] = lambda user: user.themes.all()


def theme_ids_of(user):
    """Ids of the themes this member follows, read with their roles (cached for the request);
    an empty set for visitors and people awaiting approval."""
    if not is_member(user):
        return set()
    cache = _cache(user)
    if "themes" not in cache.lookups and cache.groups is None:
        _load(user)
    if "themes" not in cache.lookups:  # roles read before (e.g. by warm): ask on its own
        cache.lookups["themes"] = set(user.themes.values_list("pk", flat=True))
    return cache.lookups["themes"]


def memberships_of(user, name):
    """Ids of the things of kind ``name`` (a registered lookup, e.g. "sets") this person is
    in now; an empty set for visitors and people awaiting approval."""
    cache = _cache(user)
    if name not in cache.lookups:
        if is_member(user) and name in _MEMBERSHIP_LOOKUPS:
            cache.lookups[name] = set(_MEMBERSHIP_LOOKUPS[name][0](user))
        else:
            cache.lookups[name] = set()
    return cache.lookups[name]


def set_ids_of(user):
    """Ids of the action learning sets this person is in now, as a current member or a
    facilitator (the "sets" lookup that learning_sets registers). Superusers and officers are
    not members of a set by being staff."""
    return memberships_of(user, "sets")


def warm(people):
    """Fill the roles cache of many people at once: groups, partnerships (and which they
    lead) and every registered membership lookup, in one query each, whatever the number of
    people. Afterwards every role check and ``can_view`` on them is query-free."""
    people = [p for p in people if getattr(p, "_roles", None) is None]
    if not people:
        return
    by_pk = {p.pk: p for p in people}
    for p in people:
        cache = _cache(p)
        cache.groups, cache.partnerships, cache.led = {}, set(), set()
    through = get_user_model().groups.through
    for person_id, group_id, name in through.objects.filter(user_id__any_of=by_pk).values_list(
        "user_id", "group_id", "group__name"
    ):
        by_pk[person_id]._roles.groups[group_id] = name
    for person_id, partnership_id, role in Membership.objects.filter(
        person_id__any_of=by_pk
    ).values_list("person_id", "partnership_id", "role"):
        person = by_pk[person_id]
        if is_member(person):
            person._roles.partnerships.add(partnership_id)
            if role == Membership.Role.LEAD:
                person._roles.led.add(partnership_id)
    members_only = [p for p in people if is_member(p)]
    for name, (_, batch) in _MEMBERSHIP_LOOKUPS.items():
        found = batch(members_only) if members_only else {}
        for p in people:
            p._roles.lookups[name] = set(found.get(p.pk, ())) if is_member(p) else set()


def is_lead_of(user, partnership):
    # Asked afresh: a lead's powers must follow a change of role at once.
    return (
        is_member(user)
        and Membership.objects.filter(
            person=user, partnership=partnership, role=Membership.Role.LEAD
        ).exists()
    )


def led_partnerships(user):
    if not is_member(user):
        return Partnership.objects.none()
    return Partnership.objects.filter(
        memberships__person=user, memberships__role=Membership.Role.LEAD
    )


def can_manage_partnership(user, partnership):
    """Officers manage every partnership; a lead manages their own."""
    return is_officer(user) or is_lead_of(user, partnership)


def can_use_admin(user):
    """Whether Wagtail lets this person into its admin (``wagtailadmin.access_admin``).

    Superusers, and anyone holding the permission through a group (officers and
    facilitators get it from their groups) or on their own account. Asked of the
    permission itself, not of group names, so a group given admin access later is covered.
    Cached on the user object for the length of a request.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cache = _cache(user)
    if cache.admin is None:
        _load(user)
    return cache.admin


def requires_mfa(user):
    """Everyone who can open the Wagtail admin must use a second factor.

    That is officers, facilitators and superusers: the admin edits the whole page tree, so
    a stolen password alone must not be enough. They set it up on their first page after
    signing in (not only on opening the admin), which leaves no way round it.
    """
    return can_use_admin(user)
