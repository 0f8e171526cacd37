from django.urls import path

from hub.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("report/<int:content_type_id>/<int:object_id>/", views.report, name="report"),
    path("hide/<int:content_type_id>/<int:object_id>/", views.hide, name="hide"),
    path("restore/<int:content_type_id>/<int:object_id>/", views.restore, name="restore"),
]
