from django.urls import path, reverse_lazy
from django.views.generic import RedirectView

from hub.questions import views

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.ask, name="ask"),
    # Question emails are chosen with every other notification now; links in older emails
    # land on those choices.
    path(
        "emails/",
        RedirectView.as_view(url=reverse_lazy("notifications:preferences"), permanent=True),
        name="email_settings",
    ),
    path("people/", views.mention_people, name="mention_people"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/follow/", views.follow, name="follow"),
    path("<int:pk>/have-this-too/", views.have_too, name="have_too"),
    path("<int:pk>/unaccept/", views.unaccept, name="unaccept"),
    path("<int:pk>/history/", views.history, name="history"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer_delete"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
    path("answers/<int:pk>/file/", views.file_answer, name="file_answer"),
]
