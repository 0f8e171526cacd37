from django.urls import path

from hub.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("<slug:slug>/space/", views.space_page, name="space"),
    path("<slug:slug>/space/new/", views.new_thread, name="new_thread"),
    path("<slug:slug>/space/threads/<int:pk>/", views.thread_page, name="thread"),
    path("<slug:slug>/space/threads/<int:pk>/pin/", views.pin, name="pin"),
    path("<slug:slug>/space/threads/<int:pk>/share/", views.share, name="share"),
]
