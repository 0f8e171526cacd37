from django.urls import path

from learning_sets import views

app_name = "learning_sets"
urlpatterns = [
    path("", views.set_list, name="list"),
    path("health/", views.health_overview, name="health_overview"),
    path("new/", views.set_new, name="new"),
    path("invitations/<int:pk>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.set_detail, name="detail"),
    path(
        "<slug:slug>/requests/<int:pk>/withdraw/",
        views.withdraw_request,
        name="withdraw_request",
    ),
    path("<slug:slug>/space/", views.space, name="space"),
    path("<slug:slug>/sessions/new/", views.session_new, name="session_new"),
    path("<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session"),
    path("<slug:slug>/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("<slug:slug>/sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path(
        "<slug:slug>/sessions/<int:session_pk>/actions/<int:pk>/review/",
        views.action_review,
        name="action_review",
    ),
    path("<slug:slug>/issues/<int:pk>/actions/", views.action_add, name="action_add"),
    path("<slug:slug>/discussion/", views.discussion, name="discussion"),
    path("<slug:slug>/files/", views.files, name="files"),
    path("<slug:slug>/files/<int:pk>/", views.file_download, name="file_download"),
    path("<slug:slug>/files/<int:pk>/delete/", views.file_delete, name="file_delete"),
    path("<slug:slug>/timeline/", views.timeline, name="timeline"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/edit/", views.set_edit, name="edit"),
    path("<slug:slug>/manage/status/", views.change_status, name="change_status"),
    path(
        "<slug:slug>/requests/<int:pk>/<str:decision>/",
        views.decide_request,
        name="decide_request",
    ),
    path("<slug:slug>/health/", views.health, name="health"),
    path("<slug:slug>/break-glass/", views.break_glass, name="break_glass"),
]
