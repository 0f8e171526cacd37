from django.urls import path

from . import views

app_name = "drafts_for_comment"

urlpatterns = [
    path("", views.drafts, name="list"),
    path("share/<int:page_id>/", views.share, name="share"),
    path("<int:share_id>/", views.comment, name="comment"),
    path("<int:share_id>/comments/", views.comments, name="comments"),
    path("<int:share_id>/stop/", views.stop, name="stop"),
]
