from django.urls import path

from hub.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.insights, name="page"),
    path("<slug:slug>.csv", views.download, name="csv"),
]
