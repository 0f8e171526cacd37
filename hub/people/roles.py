"""Roles come from here and nowhere else.

Programme-wide roles are Django groups (created by a migration with their Wagtail admin
permissions); partnership roles are memberships.
"""

from hub.people.models import Membership, Partnership

OFFICERS = "Programme officers"
FACILITATORS = "Facilitators"


def _group_names(user):
    # Cached on the user object for the length of a request.
    if not hasattr(user, "_hub_group_names"):
        user._hub_group_names = set(user.groups.values_list("name", flat=True))
    return user._hub_group_names


def is_member(user):
    """A signed-in, approved person: may see programme-only things."""
    return bool(user and user.is_authenticated and user.is_active and user.is_approved)


def is_officer(user):
    return is_member(user) and (user.is_superuser or OFFICERS in _group_names(user))


def is_facilitator(user):
    return is_member(user) and FACILITATORS in _group_names(user)


def is_programme_team(user):
    """Officers and facilitators: the people who run the learning programme."""
    return is_officer(user) or is_facilitator(user)


def partnerships_of(user):
    """The partnerships this person belongs to (an empty queryset for visitors)."""
    if not is_member(user):
        return Partnership.objects.none()
    return Partnership.objects.filter(memberships__person=user)


def partnership_ids_of(user):
    if not hasattr(user, "_hub_partnership_ids"):
        user._hub_partnership_ids = (
            set(partnerships_of(user).values_list("pk", flat=True)) if is_member(user) else set()
        )
    return user._hub_partnership_ids


def warm_roles(people):
    """Answer partnership_ids_of and the group checks for many people in two queries.

    Bulk senders (the digest) call this once per batch so ``can_view`` stays query-free.
    """
    from django.contrib.auth.models import Group

    people = [p for p in people if not hasattr(p, "_hub_partnership_ids")]
    if not people:
        return
    by_pk = {p.pk: p for p in people}
    for p in people:
        p._hub_partnership_ids = set()
        p._hub_group_names = set()
    for person_id, partnership_id in Membership.objects.filter(person_id__in=by_pk).values_list(
        "person_id", "partnership_id"
    ):
        if is_member(by_pk[person_id]):
            by_pk[person_id]._hub_partnership_ids.add(partnership_id)
    for person_id, name in Group.user_set.through.objects.filter(user_id__in=by_pk).values_list(
        "user_id", "group__name"
    ):
        by_pk[person_id]._hub_group_names.add(name)


def is_lead_of(user, partnership):
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
    if not hasattr(user, "_hub_admin_access"):
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        user._hub_admin_access = Permission.objects.filter(
            Q(group__user=user) | Q(user=user),
            content_type__app_label="wagtailadmin",
            codename="access_admin",
        ).exists()
    return user._hub_admin_access


def requires_mfa(user):
    """Everyone who can open the Wagtail admin must use a second factor.

    That is officers, facilitators and superusers: the admin edits the whole page tree, so
    a stolen password alone must not be enough. They set it up on their first page after
    signing in (not only on opening the admin), which leaves no way round it.
    """
    return can_use_admin(user)


def sets_of(user):
    """The action learning sets this person is in now: as a current member or a facilitator.

    Superusers and officers are not members of a set by being staff (see learning_sets).
    """
    from learning_sets.models import LearningSet

    if not is_member(user):
        return LearningSet.objects.none()
    return LearningSet.objects.filter(
        pk__in=set_ids_of(user),
    )


def set_ids_of(user):
    """Ids of ``sets_of(user)``, cached on the user object for the length of a request."""
    if not hasattr(user, "_hub_set_ids"):
        if is_member(user):
            from django.db.models import Q

            from learning_sets.models import LearningSet

            user._hub_set_ids = set(
                LearningSet.objects.filter(
                    Q(memberships__person=user, memberships__left_at__isnull=True)
                    | Q(facilitators=user)
                ).values_list("pk", flat=True)
            )
        else:
            user._hub_set_ids = set()
    return user._hub_set_ids
