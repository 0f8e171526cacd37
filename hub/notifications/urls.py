from django.urls import path

from hub.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("<int:pk>/read/", views.mark_read, name="read"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("choices/", views.preferences, name="preferences"),
    path("announce/", views.announce, name="announce"),
    path("announcements/<int:pk>/", views.announcement, name="announcement"),
]
