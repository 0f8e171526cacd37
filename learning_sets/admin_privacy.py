"""Set sessions in the Wagtail admin: the front end's rule, applied to every admin view.

A set session's event page (kind ``learning_set_session``, restricted to the set's Group) is
seen only by the people in that Group: the set's members and facilitators. Being staff, an
officer, a superuser or another set's facilitator grants nothing. (Break glass opens a set's
space for a superuser, never its event pages in the admin.)

Three layers, each built on :func:`hidden_session_ids`:

1. :class:`learning_sets.middleware.SetSessionAdminGuard` refuses (403) every admin URL that
   names a hidden session page (or an ancestor, for actions that cascade to descendants).
2. :func:`install` makes Wagtail's page permission policy leave hidden sessions out of the
   querysets that every admin listing is built from (search, reports, site history, the
   admin API, page-type usage, workflow listings), and covers the few listings that bypass
   the policy (the page-types report's "last edited", the locked pages report's own locks,
   bulk actions' "select all").
3. ``wagtail_hooks`` filters the explorer, the chooser and the dashboard panels.
"""

import functools

from django.core.exceptions import PermissionDenied


def hidden_session_ids(user):
    """The pks of the set session pages ``user`` may not see, as a subquery (``values("pk")``).

    The one answer the admin uses: a session is hidden unless its ``restricted_to_group`` is
    one of the person's groups (``events.models.group_ids_of``, cached per request).
    """
    from events.models import EventPage, group_ids_of

    return (
        EventPage.objects.filter(kind=EventPage.Kind.LEARNING_SET_SESSION)
        .exclude(restricted_to_group__in=group_ids_of(user))
        .values("pk")
    )


def hidden_pages_among(user, page_ids, *, with_descendants=False):
    """Which of ``page_ids`` are hidden sessions for ``user`` (or, ``with_descendants``, have
    a hidden session beneath them). Returns a set of the offending ids (one or two queries)."""
    from wagtail.models import Page

    ids = {int(pk) for pk in page_ids if str(pk).isdigit()}
    if not ids:
        return set()
    hidden = hidden_session_ids(user)
    offending = set(hidden.filter(pk__in=ids).values_list("pk", flat=True))
    if with_descendants:
        for page in Page.objects.filter(pk__in=ids - offending).only("pk", "path", "depth"):
            if hidden.filter(path__startswith=page.path, depth__gt=page.depth).exists():
                offending.add(page.pk)
    return offending


def refuse_hidden(user, page_ids, *, with_descendants=False):
    """Refuse (PermissionDenied) if any of ``page_ids`` is, or holds, a session hidden from
    ``user``."""
    if hidden_pages_among(user, page_ids, with_descendants=with_descendants):
        raise PermissionDenied("This session belongs to a learning set you are not in.")


# Wagtail's page permission policy -------------------------------------------------------

_INSTALLED = "_hub_hides_set_sessions"


def _excluding_hidden(method):
    @functools.wraps(method)
    def wrapper(self, user, *args, **kwargs):
        pages = method(self, user, *args, **kwargs)
        return pages.exclude(pk__in=hidden_session_ids(user))

    return wrapper


def install():
    """Teach Wagtail's admin listings the rule (called once, from the app's ``ready``).

    Wagtail has no setting for a custom page permission policy and makes new policy objects
    in places (the admin API), so the two queryset methods every listing is built from are
    wrapped on the class itself. A superuser's "everything" passes through them too.
    """
    from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
    from wagtail.admin.views.reports.locked_pages import LockedPagesView
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
    from wagtail.permission_policies.pages import PagePermissionPolicy

    if getattr(PagePermissionPolicy, _INSTALLED, False):
        return
    for name in ("explorable_instances", "instances_user_has_any_permission_for"):
        setattr(PagePermissionPolicy, name, _excluding_hidden(getattr(PagePermissionPolicy, name)))

    # "Last edited page" per page type is looked up straight from the tree.
    decorate = PageTypesUsageReportView.decorate_paginated_queryset

    @functools.wraps(decorate)
    def decorate_without_hidden(self, page_types):
        page_types = decorate(self, page_types)
        hidden = hidden_pages_among(
            self.request.user, [t.last_edited_page_id for t in page_types if t.last_edited_page_id]
        )
        for item in page_types:
            if item.last_edited_page_id in hidden:
                item.last_edited_page = None
                item.last_edited_page_id = None
        return page_types

    PageTypesUsageReportView.decorate_paginated_queryset = decorate_without_hidden

    # The locked pages report adds the person's own locks straight from the tree.
    locked_queryset = LockedPagesView.get_queryset

    @functools.wraps(locked_queryset)
    def locked_without_hidden(self):
        return locked_queryset(self).exclude(pk__in=hidden_session_ids(self.request.user))

    LockedPagesView.get_queryset = locked_without_hidden

    # "Select all" in a listing gathers the ids itself; named ids are refused by the guard.
    actionable = PageBulkAction.get_actionable_objects

    @functools.wraps(actionable)
    def actionable_without_hidden(self):
        objects, extra = actionable(self)
        user = self.request.user
        # Deleting always takes the descendants with it; publishing and unpublishing may.
        cascades = self.action_type == "delete" or bool(
            self.request.POST.get("include_descendants")
        )
        listed = [o.pk for o in objects] + [o.pk for o in extra.get("items_with_no_access", [])]
        hidden = hidden_pages_among(user, listed, with_descendants=cascades)
        objects = [o for o in objects if o.pk not in hidden]
        extra = {
            **extra,
            "items_with_no_access": [
                o for o in extra.get("items_with_no_access", []) if o.pk not in hidden
            ],
        }
        return objects, extra

    PageBulkAction.get_actionable_objects = actionable_without_hidden
    setattr(PagePermissionPolicy, _INSTALLED, True)
