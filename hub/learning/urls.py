from django.urls import path

from hub.learning import views

app_name = "learning"
urlpatterns = [
    path("<slug:slug>/framework/", views.framework_page, name="framework"),
    path("<slug:slug>/framework/adopt/<int:pk>/", views.adopt, name="adopt"),
    path("<slug:slug>/framework/adapt/<int:pk>/", views.adapt, name="adapt"),
    path("<slug:slug>/framework/indicators/<int:pk>/words/", views.reword, name="reword"),
    path("<slug:slug>/meetings/new/", views.new_meeting, name="new_meeting"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_page, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/share/", views.share_summary, name="share_summary"),
    path("<slug:slug>/journey/", views.journey_page, name="journey"),
    path("<slug:slug>/journey.csv", views.journey_csv, name="journey_csv"),
    path("<slug:slug>/journey.pdf", views.journey_pdf, name="journey_pdf"),
    path("<slug:slug>/journey/<int:pk>/share/", views.share_journey, name="share_journey"),
    path("<slug:slug>/went-well/new/", views.new_went_well, name="new_went_well"),
    path("<slug:slug>/went-well/<int:pk>/", views.went_well_page, name="went_well"),
]
