from django.conf import settings
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hub.core import views as core_views


class SignInThroughAllauth(RedirectView):
    """The admin's sign-in page sends people to allauth, so MFA and rate limits always apply.
    (Django's own admin is not mounted at all: Wagtail's admin is the only one.)"""

    query_string = True
    url = reverse_lazy("account_login")


urlpatterns = [
    path("admin/login/", SignInThroughAllauth.as_view(), name="wagtailadmin_login_redirect"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("themes/", include("hub.themes.urls")),
    path("healthz/", core_views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("hub.people.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
