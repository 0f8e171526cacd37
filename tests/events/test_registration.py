"""Registration: one service, capacity, waiting list (first come first served), opening times,
leads registering colleagues, and never overbooking under concurrency."""

import threading
from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.utils import timezone

import pytest

from events import services
from events.factories import EventPageFactory
from events.models import Registration
from hub.people.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def statuses(event):
    return dict(Registration.objects.filter(event=event).values_list("person__email", "status"))


def test_register_until_full_then_waitlist(event, member, outsider, lead):
    assert services.register(member, event).status == "registered"
    assert services.register(outsider, event).status == "registered"
    assert services.register(lead, event).status == "waitlisted"
    event.refresh_from_db()
    assert event.places_left == 0


def test_registering_twice_keeps_one_row(event, member):
    first = services.register(member, event)
    second = services.register(member, event)
    assert first.pk == second.pk
    assert Registration.objects.filter(event=event, person=member).count() == 1


def test_confirmation_email_has_the_calendar_file(
    event, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.register(member, event)
    (message,) = mail.outbox
    assert message.to == ["member@example.org"]
    assert "You are registered" in message.subject
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("event.ics", "text/calendar")
    assert f"UID:event-{event.pk}@hub" in content


def test_cancel_promotes_first_on_waitlist_and_emails_them(
    event, member, outsider, lead, django_capture_on_commit_callbacks
):
    later = UserFactory(email="later@example.org")
    first = services.register(member, event)
    services.register(outsider, event)
    services.register(lead, event)  # first on the waiting list
    services.register(later, event)  # second
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(first)
    assert [r.person for r in promoted] == [lead]
    assert statuses(event) == {
        "member@example.org": "cancelled",
        "outsider@example.org": "registered",
        "lead@example.org": "registered",
        "later@example.org": "waitlisted",
    }
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "A place has come up" in subjects["lead@example.org"]
    assert "later@example.org" not in subjects
    # The promoted person gets reminders like anyone registered.
    assert Registration.objects.get(person=lead).reminders.count() == 2


def test_leaving_the_waitlist_promotes_no_one(event, member, outsider, lead):
    services.register(member, event)
    services.register(outsider, event)
    waiting = services.register(lead, event)
    assert services.cancel(waiting) == []
    assert statuses(event)["lead@example.org"] == "cancelled"


def test_rejoining_after_cancelling_goes_to_the_back_of_the_queue(event, member, outsider, lead):
    services.register(member, event)
    services.register(outsider, event)
    waiting = services.register(lead, event)
    later = UserFactory(email="later@example.org")
    services.register(later, event)
    services.cancel(waiting)
    services.register(lead, event)
    services.cancel(Registration.objects.get(person=member))
    assert statuses(event)["later@example.org"] == "registered"
    assert statuses(event)["lead@example.org"] == "waitlisted"


def test_more_places_move_the_waitlist_up(event, member, outsider, lead, officer):
    services.register(member, event)
    services.register(outsider, event)
    services.register(lead, event)
    event.capacity = 3
    event.save_revision().publish()
    assert statuses(event)["lead@example.org"] == "registered"


def test_unlimited_places(member, outsider):
    event = EventPageFactory(capacity=None)
    assert services.register(member, event).status == "registered"
    assert services.register(outsider, event).status == "registered"


def test_registration_opens_and_closes_on_time(member, officer):
    now = timezone.now()
    not_yet = EventPageFactory(registration_opens_at=now + timedelta(days=1))
    with pytest.raises(services.RegistrationError, match="not opened"):
        services.register(member, not_yet)
    closed = EventPageFactory(registration_closes_at=now - timedelta(minutes=1))
    with pytest.raises(services.RegistrationError, match="closed"):
        services.register(member, closed)
    started = EventPageFactory(start=now - timedelta(minutes=5), end=now + timedelta(hours=1))
    with pytest.raises(services.RegistrationError, match="closed"):
        services.register(member, started)
    # An officer can still add someone late, e.g. at the door.
    assert services.register(member, closed, by=officer).registered_by == officer


def test_cancelled_or_unpublished_events_take_no_registrations(member):
    cancelled = EventPageFactory(is_cancelled=True)
    with pytest.raises(services.RegistrationError):
        services.register(member, cancelled)
    draft = EventPageFactory(live=False)
    with pytest.raises(services.RegistrationError):
        services.register(member, draft)


def test_people_who_cannot_see_the_event_cannot_register(member):
    waiting = UserFactory(is_approved=False)
    event = EventPageFactory(audience="public")
    with pytest.raises(services.RegistrationError):
        services.register(waiting, event)


def test_lead_registers_colleagues_but_not_other_partnerships(
    event, lead, member, outsider, partnership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(member, event, by=lead)
    assert registration.registered_by == lead
    assert mail.outbox[0].to == ["member@example.org"]
    with pytest.raises(PermissionDenied):
        services.register(outsider, event, by=lead)
    # A plain member cannot register someone else, even a colleague.
    colleague = UserFactory()
    MembershipFactory(person=colleague, partnership=partnership)
    with pytest.raises(PermissionDenied):
        services.register(colleague, event, by=member)


def test_lead_colleagues_page(client_for, event, lead, member, outsider):
    client = client_for(lead)
    response = client.get(f"/events/{event.pk}/colleagues/")
    assert response.status_code == 200
    assert member.display_name in response.content.decode()
    assert outsider.display_name not in response.content.decode()
    response = client.post(f"/events/{event.pk}/colleagues/", {"people": [member.pk]})
    assert response.status_code == 302
    assert statuses(event) == {"member@example.org": "registered"}
    # Someone from another partnership cannot be slipped in.
    response = client.post(f"/events/{event.pk}/colleagues/", {"people": [outsider.pk]})
    assert response.status_code == 200
    assert "outsider@example.org" not in statuses(event)


def test_members_who_lead_nothing_are_refused_the_colleagues_page(client_for, event, member):
    assert client_for(member).get(f"/events/{event.pk}/colleagues/").status_code == 403
    assert client_for(None).get(f"/events/{event.pk}/colleagues/").status_code == 302


def test_register_and_cancel_buttons(client_for, event, member):
    client = client_for(member)
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert "You are registered" in response.content.decode()
    assert "Cancel my place" in response.content.decode()
    response = client.post(f"/events/{event.pk}/cancel/", follow=True)
    assert "Your place is cancelled" in response.content.decode()
    assert statuses(event) == {"member@example.org": "cancelled"}


def test_visitors_cannot_register(client, event):
    response = client.post(f"/events/{event.pk}/register/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_only_the_person_lead_or_officer_may_cancel(event, member, outsider, lead, officer):
    registration = services.register(member, event)
    with pytest.raises(PermissionDenied):
        services.cancel(registration, by=outsider)
    services.cancel(registration, by=lead)
    registration = services.register(member, event)
    services.cancel(registration, by=officer)
    assert statuses(event)["member@example.org"] == "cancelled"


@pytest.mark.django_db(transaction=True)
def test_one_hundred_concurrent_registrations_for_twenty_places(partnership):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL's row locks and real concurrent transactions (CI has them).")
    event = EventPageFactory(capacity=20)
    people = [UserFactory(email=f"rush{n}@example.org") for n in range(100)]
    # PostgreSQL's default max_connections is 100 (shared with the test database and other
    # runs), so the 100 threads race in four waves of 25 (more than the 20 places, so a
    # missing lock overbooks in the first wave), each released once all its threads are
    # connected.
    errors = []

    def attempt(person, barrier):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            services.register(person, event)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    for wave in range(4):
        group = people[wave * 25 : (wave + 1) * 25]
        barrier = threading.Barrier(len(group))
        threads = [threading.Thread(target=attempt, args=(p, barrier)) for p in group]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    counts = {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in ("registered", "waitlisted")
    }
    assert counts == {"registered": 20, "waitlisted": 80}


def test_officer_registers_anyone_through_the_same_service(client_for, event, officer, outsider):
    response = client_for(officer).post(
        f"/events/{event.pk}/colleagues/", {"people": [outsider.pk]}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, person=outsider)
    assert (registration.status, registration.registered_by) == ("registered", officer)
