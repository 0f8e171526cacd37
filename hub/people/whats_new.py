"""People in site search (see hub/core/whats_new.py for the contract): for signed-in members
only, and only people who chose to appear in the directory (``User.objects.visible_to``)."""

from urllib.parse import urlencode

from django.urls import reverse

from hub.core.whats_new import Feed, NewThing, meta_line
from hub.people.directory import search_people


def person_thing(person):
    """One person as a line: their name, role in their own words and partnerships."""
    return NewThing(
        title=person.display_name,
        url=person.get_absolute_url(),
        meta=meta_line(
            person.role_in_own_words,
            ", ".join(m.partnership.name for m in person.memberships.all()),
        ),
        status=f"Ask me about: {person.ask_me_about}" if person.ask_me_about else "",
        subject=person,
    )


class People(Feed):
    key = "people"
    title = search_title = "People"
    template = "people/includes/person_cards.html"
    more_label = "Search the people directory"

    def search(self, person, query):
        people = search_people(person, query, limit=5)
        section = self.page_section(
            [person_thing(p) for p in people],
            more_url=f"{reverse('people:directory')}?{urlencode({'q': query})}",
        )
        if section:
            section.more_label = self.more_label
        return section
