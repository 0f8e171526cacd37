"""The admin guard: no Wagtail admin URL that names a set session opens it to an outsider.

It works from the resolved URL rather than a list of views, so a view Wagtail adds later
is covered as long as it names its page the way Wagtail's own URLs do (``page_id``,
``parent_page_id``, ``page_to_move_id``, ``page_pk``, ``destination_id``, a page model plus
an object id, the admin API's ``pk``, a bulk action's ``id`` list). Listings are filtered
elsewhere (see ``learning_sets.admin_privacy``).
"""

import json

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from learning_sets.admin_privacy import refuse_hidden

# Wagtail names a page in a URL as page_id, parent_page_id, page_to_move_id, page_pk...
# (any ``*page*_id`` or ``*page*_pk``), and a move's target as destination_id.
EXTRA_PAGE_KWARGS = ("destination_id",)
MODEL_KWARGS = (
    ("app_label", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
    ("app_name", "model_name"),
)
OBJECT_KWARGS = ("object_id", "pk")
# Admin API actions that may take a page's descendants with it.
API_CASCADING_ACTIONS = {"copy", "create_alias", "unpublish", "copy_for_translation"}


def _admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:  # pragma: no cover - the admin is always mounted in the hub
        return None


def _page_model(kwargs):
    from wagtail.models import Page

    for app_kwarg, model_kwarg in MODEL_KWARGS:
        if app_kwarg in kwargs and model_kwarg in kwargs:
            try:
                model = apps.get_model(kwargs[app_kwarg], kwargs[model_kwarg])
            except (LookupError, ValueError):
                return None
            return model if issubclass(model, Page) else None
    return None


def _json_flag(request, name):
    try:
        return bool(json.loads(request.body or b"{}").get(name))
    except (ValueError, AttributeError):
        return False


def named_pages(request, match, view_args, view_kwargs):
    """The page ids an admin request names, and whether its action reaches their descendants."""
    ids = [
        value
        for name, value in view_kwargs.items()
        if ("page" in name and name.endswith(("_id", "_pk"))) or name in EXTRA_PAGE_KWARGS
    ]
    namespace, url_name = match.namespace, match.url_name
    if namespace == "wagtailadmin_pages" and view_args:
        ids.append(view_args[0])  # revisions compare names its page positionally
    if namespace.endswith("wagtailadmin_api:pages") and "pk" in view_kwargs:
        ids.append(view_kwargs["pk"])
    if _page_model(view_kwargs) is not None:
        ids += [view_kwargs[name] for name in OBJECT_KWARGS if name in view_kwargs]
        if url_name == "wagtail_bulk_action":
            ids += [pk for pk in request.GET.getlist("id") if pk != "all"]

    post = request.method == "POST"
    cascades = False
    if namespace == "wagtailadmin_pages":
        cascades = (
            url_name == "delete"
            or (url_name == "unpublish" and post and bool(request.POST.get("include_descendants")))
            or (url_name == "copy" and post and bool(request.POST.get("copy_subpages")))
        )
    elif namespace.endswith("wagtailadmin_api:pages") and url_name == "action":
        action = view_kwargs.get("action_name")
        cascades = action == "delete" or (
            action in API_CASCADING_ACTIONS and _json_flag(request, "recursive")
        )
    return ids, cascades


class SetSessionAdminGuard:
    """Refuse (403) any admin request that names a set session the person is not in the set
    for, or that would delete, copy or unpublish one along with an ancestor."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.prefix is None:
            self.prefix = _admin_prefix() or ""
        match = getattr(request, "resolver_match", None)
        if not self.prefix or match is None or not request.path_info.startswith(self.prefix):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # the admin sends them to sign in; nothing is shown
        ids, cascades = named_pages(request, match, view_args, view_kwargs)
        if ids:
            refuse_hidden(user, ids, with_descendants=cascades)
        return None
