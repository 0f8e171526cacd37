from django.urls import path

from hub.voices import views

app_name = "voices"
urlpatterns = [
    path("", views.bank, name="bank"),
    path("add/", views.add_voice, name="add"),
    path("whose-voices/", views.whose_voices, name="heard"),
    path("check/<str:token>/", views.check_by_link, name="check_by_link"),
    path("<int:pk>/", views.voice_page, name="voice"),
    path("<int:pk>/edit/", views.edit_voice, name="edit"),
    path("<int:pk>/ask-again/", views.ask_again, name="ask_again"),
    path("<int:pk>/check/", views.check, name="check"),
]
