from django.urls import path

from hub.people import data_rights_views, profiles, views

app_name = "people"
urlpatterns = [
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partnerships/<slug:slug>/", views.partnership_detail, name="partnership"),
    path(
        "partnerships/<slug:slug>/members/",
        views.partnership_members,
        name="partnership_members",
    ),
    path("people/invite/", views.invite, name="invite"),
    path("people/invitations/<int:pk>/revoke/", views.revoke_invitation, name="revoke_invitation"),
    path("people/waiting/", views.awaiting_approval, name="awaiting_approval"),
    path("people/", profiles.directory, name="directory"),
    path("people/<int:pk>/", profiles.profile, name="profile"),
    path(
        "people/<int:pk>/close/",
        data_rights_views.close_someones_account,
        name="close_someones_account",
    ),
    path("people/closed/", data_rights_views.closed_accounts, name="closed_accounts"),
    path("people/<int:pk>/picture.jpg", profiles.avatar, name="avatar"),
    path("profile/", profiles.edit_profile, name="edit_profile"),
    path("profile/my-data/", data_rights_views.my_data, name="my_data"),
    path("profile/close/", data_rights_views.close_my_account, name="close_account"),
    path("account-closed/", data_rights_views.account_closed, name="account_closed"),
    path("welcome/", views.welcome, name="welcome"),
    path("invitations/<slug:token>/", views.invitation, name="invitation"),
]
