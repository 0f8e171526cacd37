"""The Wagtail admin and learning sets.

No set content model is registered here (no snippets, no viewsets): the admin never shows
what is said in a set. The one thing sets put in the page tree is a session's event page
(date, joining link, presenters), and even that is hidden from everyone outside the set's
Group, officers and superusers included, in the explorer, the admin search, the page
chooser and the edit and delete views.
"""

from django.core.exceptions import PermissionDenied

from wagtail import hooks


def _hidden_session_ids(request):
    from events.models import EventPage, group_ids_of

    return (
        EventPage.objects.filter(kind=EventPage.Kind.LEARNING_SET_SESSION)
        .exclude(restricted_to_group__in=group_ids_of(request.user))
        .values("pk")
    )


@hooks.register("construct_explorer_page_queryset")
def hide_other_sets_sessions(parent_page, pages, request):
    return pages.exclude(pk__in=_hidden_session_ids(request))


@hooks.register("construct_page_chooser_queryset")
def hide_other_sets_sessions_in_chooser(pages, request):
    return pages.exclude(pk__in=_hidden_session_ids(request))


def _refuse_outsiders(request, page):
    from events.models import EventPage, group_ids_of

    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if (
        isinstance(specific, EventPage)
        and specific.kind == EventPage.Kind.LEARNING_SET_SESSION
        and specific.restricted_to_group_id not in group_ids_of(request.user)
    ):
        raise PermissionDenied("This session belongs to a learning set you are not in.")


@hooks.register("before_edit_page")
def refuse_edit(request, page):
    _refuse_outsiders(request, page)


@hooks.register("before_delete_page")
def refuse_delete(request, page):
    _refuse_outsiders(request, page)
