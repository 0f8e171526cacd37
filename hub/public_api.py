"""The public read API (/api/public/): public briefings, events and resources as JSON, with
an OpenAPI description (drf-spectacular) at /api/public/schema/.

It ignores sessions and tokens (no authentication classes): every request is answered as a
visitor would see the world, through each kind's own ``visible_to(AnonymousUser())``.
"""

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.urls import include, path

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import SimpleRouter

from hub.themes.models import Theme


class Pages(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class Filters(serializers.Serializer):
    theme = serializers.SlugField(required=False, help_text="A theme's slug.")
    since = serializers.DateField(required=False, help_text="On or after this date (YYYY-MM-DD).")
    until = serializers.DateField(required=False, help_text="On or before this date (YYYY-MM-DD).")


def _themes(obj):
    return [theme.slug for theme in obj.themes.all()]


class BriefingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.CharField(source="full_url", allow_null=True)
    published = serializers.DateTimeField(source="first_published_at", allow_null=True)
    themes = serializers.SerializerMethodField()

    def get_themes(self, obj) -> list[str]:
        return _themes(obj)


class EventSerializer(BriefingSerializer):
    kind = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class ResourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    resource_type = serializers.CharField()
    link = serializers.CharField(source="url", allow_null=True)
    shared = serializers.DateTimeField(source="created_at")
    themes = serializers.SerializerMethodField()

    def get_themes(self, obj) -> list[str]:
        return _themes(obj)


def _described(serializer):
    """The answers each operation can give: 400 for a filter that is not valid, 404 for a
    page number past the end or an id that is not public."""
    missing = OpenApiResponse(description="Not found (or not public).")
    return {
        "list": extend_schema(
            parameters=[Filters],
            responses={
                200: serializer(many=True),
                400: OpenApiResponse(description="A filter is not valid."),
                404: missing,
            },
        ),
        "retrieve": extend_schema(responses={200: serializer, 404: missing}),
    }


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """One kind of public content: a subclass names its serializer, its model (by label, as
    composers use no content app's models) and the date that ``since``/``until`` filter and
    order by. Every subclass gets the same OpenAPI description."""

    authentication_classes = []  # the session and any token are ignored
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = Pages
    model_label = ""
    date_field = ""
    newest_first = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        extend_schema_view(**_described(cls.serializer_class))(cls)

    def get_queryset(self):
        model = apps.get_model(self.model_label)
        queryset = model.objects.visible_to(AnonymousUser())
        if self.action == "list":
            filters = Filters(data=self.request.query_params)
            if not filters.is_valid():
                raise ValidationError(filters.errors)
            wanted = filters.validated_data
            if "theme" in wanted:
                queryset = queryset.filter(themes__in=Theme.objects.filter(slug=wanted["theme"]))
            if "since" in wanted:
                queryset = queryset.filter(**{f"{self.date_field}__date__gte": wanted["since"]})
            if "until" in wanted:
                queryset = queryset.filter(**{f"{self.date_field}__date__lte": wanted["until"]})
        order = f"-{self.date_field}" if self.newest_first else self.date_field
        return queryset.prefetch_related("themes").order_by(order, "pk").distinct()


class Briefings(PublicViewSet):
    """Public briefings, newest first; ``since``/``until`` are the publication date."""

    serializer_class = BriefingSerializer
    model_label = "briefings.BriefingPage"
    date_field = "first_published_at"


class Events(PublicViewSet):
    """Public events in date order; ``since``/``until`` are the start date."""

    serializer_class = EventSerializer
    model_label = "events.EventPage"
    date_field = "start"
    newest_first = False


class Resources(PublicViewSet):
    """Public resources, newest first; ``since``/``until`` are the date shared."""

    serializer_class = ResourceSerializer
    model_label = "library.Resource"
    date_field = "created_at"


router = SimpleRouter()
router.register("briefings", Briefings, basename="public-briefing")
router.register("events", Events, basename="public-event")
router.register("resources", Resources, basename="public-resource")


class Schema(SpectacularAPIView):
    """The OpenAPI description of the public API (and nothing else the hub serves)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    urlconf = "hub.public_api"
    custom_settings = {
        "TITLE": "The hub's public read API",
        "DESCRIPTION": "Public briefings, events and resources. Read-only; no sign-in.",
        "VERSION": "1",
        "SCHEMA_PATH_PREFIX": "/api/public",
    }


urlpatterns = [
    path("api/public/", include(router.urls)),
    path("api/public/schema/", Schema.as_view(), name="public-api-schema"),
]
