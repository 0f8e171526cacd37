"""Sessions are event pages restricted to the set's Group: registration, reminders and
calendars come from the events app, and carry nothing but date, link and presenters."""

from django.core import mail
from django.urls import reverse

import pytest

from events.models import Audience, CalendarFeed, EventIndexPage, EventPage, Registration
from learning_sets import services
from learning_sets.factories import make_set

pytestmark = pytest.mark.django_db

MARKER = "zqx-session-secret-4410"


def test_a_session_is_a_group_only_event_page_with_the_set_registered(
    learning_set, facilitator, set_member, set_member2, past_and_next_session
):
    _, upcoming = past_and_next_session
    page = EventPage.objects.get(pk=upcoming.event_page_id)
    assert page.kind == EventPage.Kind.LEARNING_SET_SESSION
    assert page.audience == Audience.GROUP
    assert page.restricted_to_group_id == learning_set.group_id
    assert page.joining_link == "https://meet.example.org/next"
    assert isinstance(page.get_parent().specific, EventIndexPage)
    registered = set(
        Registration.objects.filter(event=page, status="registered").values_list(
            "person_id", flat=True
        )
    )
    assert registered == {facilitator.pk, set_member.pk, set_member2.pk}


def test_session_pages_and_calendars_are_for_the_set_only_and_carry_no_records(
    learning_set,
    set_member,
    facilitator,
    outsider,
    officer,
    past_and_next_session,
    client_for,
    django_user_model,
):
    from allauth.mfa.totp.internal.auth import TOTP

    past, upcoming = past_and_next_session
    issue = services.record_issue(
        past, presenter=set_member, issue=MARKER, actions=[MARKER], by=set_member
    )
    services.review_action(
        issue.actions.get(), session=upcoming, outcome="done", note=MARKER, by=set_member
    )
    services.update_presenters(upcoming, [set_member], by=facilitator)
    page = EventPage.objects.get(pk=upcoming.event_page_id)
    ics = reverse("events:event_ics", args=[page.pk])

    member_page = client_for(set_member).get(page.url)
    assert member_page.status_code == 200
    assert set_member.display_name in member_page.content.decode()  # who is presenting
    assert MARKER not in member_page.content.decode()
    member_ics = client_for(set_member).get(ics).content.decode()
    assert "meet.example.org/next" in member_ics and MARKER not in member_ics
    feed = CalendarFeed.objects.create(person=set_member)
    feed_body = client_for(None).get(reverse("events:personal_feed", args=[feed.token]))
    assert page.title.split(":")[0] in feed_body.content.decode()
    assert MARKER not in feed_body.content.decode()

    superuser = django_user_model.objects.create_superuser(
        email="su@example.org", password="x-long-password-1", display_name="Su"
    )
    TOTP.activate(superuser, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    for person in (None, outsider, officer, superuser):
        client = client_for(person)
        assert client.get(page.url).status_code in (302, 404), person
        assert client.get(ics).status_code in (302, 404), person
    outsider_feed = CalendarFeed.objects.create(person=outsider)
    body = client_for(None).get(reverse("events:personal_feed", args=[outsider_feed.token]))
    assert learning_set.name not in body.content.decode()
    for message in mail.outbox:
        assert MARKER not in message.body


def test_leaving_cancels_future_registrations_and_hides_the_page(
    learning_set, set_member, past_and_next_session, client_for
):
    _, upcoming = past_and_next_session
    page = EventPage.objects.get(pk=upcoming.event_page_id)
    services.leave(set_member, learning_set)
    assert Registration.objects.get(event=page, person=set_member).status == "cancelled"
    assert client_for(set_member).get(page.url).status_code == 404


def test_a_new_member_is_registered_for_sessions_to_come(
    facilitator, member, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    learning_set = make_set(name="Forming one", facilitators=[facilitator])
    start = timezone.now() + timedelta(days=10)
    session = services.schedule_session(
        learning_set, starts_at=start, ends_at=start + timedelta(hours=2), by=facilitator
    )
    join_request = services.request_to_join(member, learning_set, agreed_to_ground_rules=True)
    services.accept_join_request(join_request, by=facilitator)
    assert Registration.objects.get(event_id=session.event_page_id, person=member).status == (
        "registered"
    )


def test_moving_a_session_moves_its_event_page(
    learning_set, facilitator, set_member, past_and_next_session, client_for
):
    from datetime import timedelta

    _, upcoming = past_and_next_session
    new_start = upcoming.starts_at + timedelta(days=1)
    response = client_for(facilitator).post(
        reverse("learning_sets:session_edit", args=[learning_set.slug, upcoming.pk]),
        {
            "starts_at": timezone_local(new_start),
            "ends_at": timezone_local(new_start + timedelta(hours=2)),
            "joining_link": "https://meet.example.org/moved",
            "presenters": [set_member.pk],
        },
    )
    assert response.status_code == 302
    page = EventPage.objects.get(pk=upcoming.event_page_id)
    assert page.start == new_start.replace(second=0, microsecond=0)
    assert page.joining_link == "https://meet.example.org/moved"
    assert page.presenters == set_member.display_name


def test_moving_a_session_keeps_a_revision_and_tells_the_set_the_new_time(
    learning_set, facilitator, set_member, past_and_next_session, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    _, upcoming = past_and_next_session
    page = EventPage.objects.get(pk=upcoming.event_page_id)
    assert page.live_revision is not None  # made by the events app's one create function
    revisions_before = page.revisions.count()
    new_start = upcoming.starts_at.replace(microsecond=0) + timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_session(
            upcoming,
            starts_at=new_start,
            ends_at=new_start + timedelta(hours=2),
            joining_link="https://meet.example.org/next",
            presenters=[set_member],
            by=facilitator,
        )
    page = EventPage.objects.get(pk=upcoming.event_page_id)
    assert page.revisions.count() == revisions_before + 1
    assert page.live_revision.as_object().start == new_start
    told = sorted(m.to[0] for m in mail.outbox if m.subject.startswith("New time:"))
    assert told == sorted([facilitator.email, set_member.email, "setmember2@example.org"])


def timezone_local(moment):
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
