"""The Wagtail API (read-only, /api/v2/): only pages the requesting person may see.

Wagtail's own API filters page privacy restrictions but knows nothing of the hub's audiences,
so every page model whose manager answers ``visible_to(user)`` is filtered through it.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, get_page_models


def _models_with_visibility():
    return [
        model
        for model in get_page_models()
        if model is not Page and hasattr(model.objects, "visible_to")
    ]


class VisiblePagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        user = self.request.user
        for model in _models_with_visibility():
            hidden = model.objects.exclude(
                pk__in=model.objects.visible_to(user).values("pk")
            ).values("pk")
            queryset = queryset.exclude(pk__in=hidden)
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
