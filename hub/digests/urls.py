from django.urls import path, reverse_lazy
from django.views.generic import RedirectView

from hub.digests import views

app_name = "digests"
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preview/", views.preview, name="preview"),
    path("runs/", views.run_list, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    # One way to announce: a notification (and the digest's "For you" for who has not read it).
    path(
        "announcements/new/",
        RedirectView.as_view(url=reverse_lazy("notifications:announce")),
        name="new_announcement",
    ),
]
