from pathlib import Path

from django.conf import settings
from django.urls import include, path, re_path, reverse_lazy
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hub.api import api_router
from hub.core import pages as core_pages
from hub.core import views as core_views
from hub.core.my_hub import home, my_hub
from hub.core.search import site_search


class SignInThroughAllauth(RedirectView):
    """The admin's sign-in page sends people to allauth, so MFA and rate limits always apply.
    (Django's own admin is not mounted at all: Wagtail's admin is the only one.)"""

    query_string = True
    url = reverse_lazy("account_login")


urlpatterns = [
    path("admin/login/", SignInThroughAllauth.as_view(), name="wagtailadmin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, served as a safe download (hub.core.views.serve_document).
    re_path(r"^documents/(\d+)/(.*)$", core_views.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("themes/", include("hub.themes.urls")),
    path("library/", include("hub.library.urls")),
    path("search/", site_search, name="search"),
    path("my-hub/", my_hub, name="my_hub"),
    path("events/", include("events.urls")),
    path("questions/", include("hub.questions.urls")),
    path("notifications/", include("hub.notifications.urls")),
    path("moderation/", include("hub.moderation.urls")),
    path("digests/", include("hub.digests.urls")),
    path("insights/", include("hub.insights.urls")),
    path("api/v2/", api_router.urls),
    path("", include("hub.public_api")),
    path("learning-sets/", include("learning_sets.urls")),
    path("partnerships/", include("hub.partnerships.urls")),
    path("learning/", include("hub.learning.urls")),
    path("voices/", include("hub.voices.urls")),
    path("drafts-for-comment/", include("briefings.review.urls")),
    path("harvest/", include("hub.harvest.urls")),
    path("healthz/", core_views.healthz, name="healthz"),
    path("thanks/<str:kind>/<int:pk>/", core_views.thank, name="thank"),
    path("help/", core_pages.static_page, {"name": "help"}, name="help"),
    path(
        "community-guidelines/",
        core_pages.static_page,
        {"name": "community_guidelines"},
        name="community_guidelines",
    ),
    path("privacy/", core_pages.static_page, {"name": "privacy"}, name="privacy"),
    path("accessibility/", core_pages.static_page, {"name": "accessibility"}, name="accessibility"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("hub.people.urls")),
]


def dev_media_urlpatterns():
    """What a developer's server (DEBUG) serves from MEDIA_ROOT: image renditions only.

    Documents are served only through Wagtail's document view, which asks what uses each one
    (hub/core/documents.py), so /media/documents/ is never served directly; original images
    are never needed by a page (pages and the admin show renditions), so neither is
    /media/original_images/. A production proxy should serve /media/images/ and nothing else.
    """
    from django.conf.urls.static import static

    return static(f"{settings.MEDIA_URL}images/", document_root=Path(settings.MEDIA_ROOT, "images"))


if settings.DEBUG:
    urlpatterns += dev_media_urlpatterns()

urlpatterns += [
    # "/" is My hub for a signed-in member, the public home page for everyone else.
    path("", home, name="home"),
    path("", include(wagtail_urls)),
]

handler400 = "hub.core.refusals.bad_request"
