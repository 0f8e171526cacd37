"""An event page's decisions (register, cancel, joining link, feedback, materials) are made once
in Python, in EventActions, and the page shows what they say."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest
import time_machine

from events import services
from events.context import event_actions
from events.factories import EventPageFactory
from events.models import Registration

pytestmark = pytest.mark.django_db


def actions_for(event, person, **kwargs):
    registration = (
        Registration.objects.filter(event=event, person=person).exclude(status="cancelled").first()
        if person.is_authenticated
        else None
    )
    return event_actions(event, person, registration, **kwargs)


def test_a_member_without_a_place_may_register_and_nothing_else(event, member):
    actions = actions_for(event, member)
    assert actions.may_register and actions.register_label == "Register"
    assert not (actions.may_cancel or actions.may_see_joining_link or actions.may_give_feedback)
    assert not (actions.may_add_material or actions.may_manage or actions.for_the_team)
    assert actions.may_add_to_calendar and actions.registration_note == ""


def test_a_full_event_offers_the_waitlist_and_a_waitlisted_person_may_leave_it(
    event, member, lead, outsider
):
    services.register(lead, event)
    services.register(outsider, event)
    actions = actions_for(event, member)
    assert actions.may_register and actions.register_label == "Join the waiting list"
    services.register(member, event)
    actions = actions_for(event, member)
    assert actions.status == "waitlisted" and not actions.may_register
    assert actions.may_cancel and actions.cancel_label == "Leave the waiting list"


def test_the_joining_link_waits_until_thirty_minutes_before(member):
    start = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    event = EventPageFactory(title="Soon huddle", start=start)
    services.register(member, event)
    with time_machine.travel(start - timedelta(minutes=31), tick=False):
        actions = actions_for(event, member)
        assert actions.joining_link_pending and not actions.may_see_joining_link
    with time_machine.travel(start - timedelta(minutes=29), tick=False):
        actions = actions_for(event, member)
        assert actions.may_see_joining_link and not actions.joining_link_pending
        page = event.serve(_request(member)).render().content.decode()
        assert "Join the huddle" in page


def test_after_the_start_a_registered_person_may_give_feedback(member):
    start = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    event = EventPageFactory(title="Feedback huddle", start=start)
    services.register(member, event)
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        actions = actions_for(event, member)
        assert actions.may_give_feedback and actions.feedback_label == "Tell us how it went"
        assert not actions.may_cancel and actions.registration_note == "This event has finished."
        assert not actions.may_add_to_calendar
        assert actions_for(event, member, feedback_given=True).feedback_label == (
            "Change your feedback"
        )


def test_visitors_are_asked_to_sign_in_and_cancelled_events_say_why(member):
    public = EventPageFactory(title="Open webinar", audience="public")
    assert actions_for(public, AnonymousUser()).sign_in_to_register
    public.is_cancelled = True
    actions = actions_for(public, member)
    assert not actions.may_register and not actions.sign_in_to_register
    assert actions.registration_note == "Registration is closed because the event is cancelled."


def test_registration_not_yet_open_says_when(member):
    opens = (timezone.now() + timedelta(days=2)).replace(hour=9, minute=0, microsecond=0)
    event = EventPageFactory(title="Later huddle", registration_opens_at=opens)
    note = actions_for(event, member).registration_note
    assert note.startswith("Registration opens on ") and "09:00" in note


def test_leads_may_register_colleagues_and_the_team_may_add_materials(
    event, lead, officer, facilitator
):
    assert actions_for(event, lead).may_register_colleagues
    assert actions_for(event, officer).may_manage
    team = actions_for(event, facilitator)
    assert team.may_add_material and team.for_the_team and not team.may_manage


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    from django.contrib.messages.storage.fallback import FallbackStorage

    request.session = {}
    request._messages = FallbackStorage(request)
    return request
