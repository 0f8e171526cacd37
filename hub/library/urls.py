from django.urls import path

from hub.library import views

app_name = "library"

urlpatterns = [
    path("", views.library, name="list"),
    path("share/", views.share, name="share"),
    path("feed/", views.PublicResourcesFeed(), name="feed"),
    path("api/resources/", views.api_resources, name="api"),
    path("partnerships/", views.partnership_names, name="partnerships"),
    path("<int:pk>/", views.resource_detail, name="detail"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/notes/", views.add_note, name="add_note"),
    path("<int:pk>/useful/", views.toggle_useful, name="useful"),
    path("<int:pk>/consent/", views.consent, name="consent"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("notes/<int:pk>/edit/", views.edit_note, name="edit_note"),
    path("notes/<int:pk>/delete/", views.delete_note, name="delete_note"),
]
