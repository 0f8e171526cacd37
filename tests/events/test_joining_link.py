"""The joining link: registered people only, from 30 minutes before, and in reminders;
never anyone else on any path (page, index, ICS, feeds, JSON, Google link, emails)."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
import time_machine

from events import services
from events.factories import EventPageFactory
from events.models import Reminder
from hub.people.factories import UserFactory

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/huddle-secret-room"


@pytest.fixture
def soon(db):
    start = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    return EventPageFactory(title="Soon huddle", start=start, audience="public", capacity=5)


def text(response):
    """The body, with iCalendar's folded lines joined back up."""
    return response.content.decode().replace("\r\n ", "")


def paths(client, event):
    """Everything a person could fetch about the event."""
    return {
        "page": text(client.get(event.url)),
        "index": text(client.get(event.get_parent().url)),
        "ics": text(client.get(f"/events/{event.pk}/event.ics")),
        "public_feed": text(client.get("/events/calendar/public.ics")),
        "json": text(client.get("/events/upcoming.json")),
        "home": text(client.get("/")),
    }


def test_page_shows_link_only_to_registered_people_from_thirty_minutes(
    client_for, soon, member, outsider, officer
):
    services.register(member, soon)
    services.register(outsider, soon)
    services.cancel(services.register(outsider, soon))  # cancelled: no longer registered
    at = soon.start - timedelta(minutes=31)
    with time_machine.travel(at, tick=False):
        assert LINK not in client_for(member).get(soon.url).content.decode()
    with time_machine.travel(soon.start - timedelta(minutes=29), tick=False):
        page = client_for(member).get(soon.url).content.decode()
        assert LINK in page
        for person in (None, outsider, officer):
            for name, body in paths(client_for(person), soon).items():
                assert LINK not in body, (person, name)
        # Even the registered person's index, public feed and JSON leave it out; their
        # home ("/", My hub) gives it to them beside their next event, once it opens.
        theirs = paths(client_for(member), soon)
        assert LINK in theirs["home"]
        for name, body in theirs.items():
            if name not in ("page", "ics", "home"):
                assert LINK not in body, name


def test_waitlisted_people_never_see_the_link(client_for, soon, member, outsider):
    soon.capacity = 1
    soon.save_revision().publish()
    services.register(outsider, soon)
    services.register(member, soon)  # waitlisted
    with time_machine.travel(soon.start - timedelta(minutes=5), tick=False):
        for body in paths(client_for(member), soon).values():
            assert LINK not in body


def test_ics_has_link_for_registrant_only(client_for, soon, member, outsider):
    services.register(member, soon)
    assert LINK in text(client_for(member).get(f"/events/{soon.pk}/event.ics"))
    assert LINK not in text(client_for(outsider).get(f"/events/{soon.pk}/event.ics"))


def test_google_link_never_has_it(client_for, soon, member):
    services.register(member, soon)
    with time_machine.travel(soon.start - timedelta(minutes=5), tick=False):
        page = client_for(member).get(soon.url).content.decode()
    google = [line for line in page.splitlines() if "calendar.google.com" in line]
    assert google and all("meet.example.org" not in line for line in google)


def test_personal_feed_has_it_only_for_registered_events(client_for, member, soon):
    other = EventPageFactory(title="Not registered huddle")
    services.register(member, soon)
    feed = services.calendar_feed_for(member)
    body = text(client_for(None).get(feed.get_absolute_url()))
    assert "Soon huddle" in body and LINK in body
    assert "Not registered huddle" not in body
    assert other.title not in body
    # Someone else's feed (not registered for it) never has the link.
    outsiders_feed = services.calendar_feed_for(UserFactory(email="else@example.org"))
    assert LINK not in text(client_for(None).get(outsiders_feed.get_absolute_url()))


def test_reminders_carry_it_and_confirmations_do_not(
    soon, member, outsider, django_capture_on_commit_callbacks
):
    soon.capacity = 1
    soon.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(member, soon)
        services.register(outsider, soon)  # waitlisted
    for message in mail.outbox:
        assert LINK not in message.body
    mail.outbox.clear()
    with (
        time_machine.travel(soon.start - timedelta(minutes=59), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.sweep_reminders() == 1
    (reminder,) = mail.outbox
    assert reminder.to == ["member@example.org"]
    assert LINK in reminder.body
    assert Reminder.objects.filter(done_at__isnull=False).count() == 1
