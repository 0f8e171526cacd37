"""Events' own URLs (the index and event pages themselves are Wagtail pages under /events/)."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/colleagues/", views.register_colleagues, name="register_colleagues"),
    path("<int:pk>/event.ics", views.event_calendar, name="event_ics"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
    path(
        "<int:pk>/registrations/<int:registration_pk>/cancel/",
        views.officer_cancel,
        name="officer_cancel",
    ),
    path("<int:pk>/registrations.csv", views.registrations_csv, name="registrations_csv"),
    path("<int:pk>/message/", views.message_registrants, name="message"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/feedback/summary/", views.feedback_summary, name="feedback_summary"),
    path("<int:pk>/materials/add/", views.add_material, name="add_material"),
    path("series/<int:pk>.ics", views.series_calendar, name="series_ics"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/public.ics", views.public_feed, name="public_feed"),
    path("calendar/<slug:token>.ics", views.personal_feed, name="personal_feed"),
    path("upcoming.json", views.upcoming_json, name="upcoming_json"),
    path("ideas/", views.ideas, name="ideas"),
    path("ideas/new/", views.propose_idea, name="propose_idea"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/support/", views.support_idea, name="support_idea"),
    path("ideas/<int:pk>/status/", views.idea_status, name="idea_status"),
    path("ideas/<int:pk>/event/", views.idea_to_event, name="idea_to_event"),
    path("ideas/<int:pk>/host/", views.offer_to_host, name="offer_to_host"),
]
