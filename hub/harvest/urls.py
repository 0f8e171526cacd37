from django.urls import path

from . import views

app_name = "harvest"

urlpatterns = [path("", views.harvest_view, name="harvest")]
