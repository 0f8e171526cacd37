from django.urls import path

from hub.digests import views

app_name = "digests"
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preview/", views.preview, name="preview"),
    path("runs/", views.run_list, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("announcements/new/", views.new_announcement, name="new_announcement"),
]
