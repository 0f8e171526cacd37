"""The Wagtail admin and learning sets.

No set content model is registered here (no snippets, no viewsets): the admin never shows
what is said in a set. The one thing sets put in the page tree is a session's event page
(date, joining link, presenters), and even that is hidden from everyone outside the set's
Group, officers and superusers included. The rule is answered once, by
``learning_sets.admin_privacy.hidden_session_ids``; these hooks apply it to the explorer, the
page chooser, the dashboard's panels and the edit and delete views. Every other admin view
naming a page is refused by ``learning_sets.middleware.SetSessionAdminGuard``, and listings
built on Wagtail's page permission policy are filtered by ``admin_privacy.install``.
"""

from wagtail import hooks

from learning_sets.admin_privacy import hidden_pages_among, hidden_session_ids, refuse_hidden


@hooks.register("construct_explorer_page_queryset")
def hide_other_sets_sessions(parent_page, pages, request):
    return pages.exclude(pk__in=hidden_session_ids(request.user))


@hooks.register("construct_page_chooser_queryset")
def hide_other_sets_sessions_in_chooser(pages, request):
    return pages.exclude(pk__in=hidden_session_ids(request.user))


@hooks.register("before_edit_page")
def refuse_edit(request, page):
    refuse_hidden(request.user, [page.pk])


@hooks.register("before_delete_page")
def refuse_delete(request, page):
    # Deleting a page deletes its descendants: an ancestor of a hidden session is refused too.
    refuse_hidden(request.user, [page.pk], with_descendants=True)


def _page_of(item):
    """The page a dashboard panel's row is about (a page, a workflow state or a task row)."""
    from wagtail.models import Page

    for candidate in (
        item,
        getattr(item, "content_object", None),
        item.get("obj") if isinstance(item, dict) else None,
        item[1] if isinstance(item, tuple) and len(item) == 2 else None,
    ):
        if isinstance(candidate, Page):
            return candidate
    return None


# The dashboard panels that list pages, and the context entry each keeps its rows in.
_PANEL_ROWS = {
    "workflow_objects_to_moderate": "states",
    "user_objects_in_workflow_moderation": "workflow_states",
    "recent_edits": "last_edits",
    "locked_pages": "locked_pages",
}


def _without_hidden_rows(panel):
    """The same panel, with rows about sessions hidden from the person left out."""
    key = _PANEL_ROWS[panel.name]
    base = type(panel)

    class Filtered(base):
        def get_context_data(self, parent_context):
            context = super().get_context_data(parent_context)
            user = parent_context["request"].user
            rows = [(row, _page_of(row)) for row in context.get(key) or []]
            hidden = hidden_pages_among(user, [page.pk for _, page in rows if page is not None])
            context[key] = [row for row, page in rows if page is None or page.pk not in hidden]
            return context

    Filtered.__name__ = base.__name__
    filtered = Filtered.__new__(Filtered)
    filtered.__dict__.update(panel.__dict__)
    return filtered


@hooks.register("construct_homepage_panels")
def hide_other_sets_sessions_on_the_dashboard(request, panels):
    for index, panel in enumerate(panels):
        if getattr(panel, "name", None) in _PANEL_ROWS:
            panels[index] = _without_hidden_rows(panel)
