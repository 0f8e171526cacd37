"""Links in the Wagtail admin menu that only part of the programme team may follow.

The admin is open to officers and facilitators alike; these items keep a link out of the
menu of anyone its page would refuse, so the menu never offers a door that is locked."""

from wagtail.admin.menu import MenuItem

from hub.people import roles


class OfficerMenuItem(MenuItem):
    """A menu link shown to programme officers only."""

    def is_shown(self, request):
        return roles.is_officer(request.user)


class TeamMenuItem(MenuItem):
    """A menu link shown to the whole programme team (officers and facilitators)."""

    def is_shown(self, request):
        return roles.is_programme_team(request.user)
