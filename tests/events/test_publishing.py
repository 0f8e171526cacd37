"""One publish handler decides what people are told, however an event page is published;
one function makes event pages, so every page's history starts with a revision."""

from datetime import UTC, datetime, timedelta

from django.core import mail
from django.core.management import call_command

from wagtail.models import PageLogEntry

import pytest
import time_machine

from events import services
from events.models import EventPage, EventSeries, TopicIdea

pytestmark = pytest.mark.django_db


def _publish_scheduled(at, capture):
    with time_machine.travel(at, tick=False), capture(execute=True):
        call_command("publish_scheduled")


def test_a_topic_event_scheduled_for_later_tells_supporters_only_when_it_goes_live(
    member, outsider, officer, django_capture_on_commit_callbacks
):
    idea = services.propose_topic_idea(member, "Reaching fathers", "How do we reach dads?")
    services.support_topic_idea(outsider, idea)
    event = services.draft_event_from_topic(idea, by=officer)
    go_live = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    event.go_live_at = go_live
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision(user=officer).publish(user=officer)
    event.refresh_from_db()
    idea.refresh_from_db()
    assert not event.live
    assert idea.status == TopicIdea.Status.PLANNED
    assert mail.outbox == []  # nothing to open yet

    _publish_scheduled(go_live + timedelta(minutes=1), django_capture_on_commit_callbacks)
    idea.refresh_from_db()
    assert EventPage.objects.get(pk=event.pk).live
    assert idea.status == TopicIdea.Status.SCHEDULED
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "outsider@example.org"]
    assert "Your topic idea is happening" in mail.outbox[0].subject


def test_scheduled_publishing_of_a_new_time_tells_registrants_when_it_goes_live(
    event, member, django_capture_on_commit_callbacks
):
    event.save_revision().publish()  # as a page made in the admin is: it has a live revision
    event = EventPage.objects.get(pk=event.pk)
    services.register(member, event)
    mail.outbox.clear()
    old_start = event.start
    go_live = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    event.start, event.end = old_start + timedelta(days=3), event.end + timedelta(days=3)
    event.go_live_at = go_live
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert EventPage.objects.get(pk=event.pk).start == old_start
    assert mail.outbox == []

    _publish_scheduled(go_live + timedelta(minutes=1), django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["member@example.org"]
    assert message.subject.startswith("New time:")
    assert EventPage.objects.get(pk=event.pk).start == old_start + timedelta(days=3)


def test_saving_a_live_event_without_publishing_tells_no_one(
    event, member, django_capture_on_commit_callbacks
):
    services.register(member, event)
    mail.outbox.clear()
    event.start, event.end = event.start + timedelta(days=1), event.end + timedelta(days=1)
    event.is_cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    # Only publishing tells people (and only publishing leaves a revision to look back on).
    assert mail.outbox == []


def test_a_series_occurrence_and_a_topic_draft_start_with_a_revision(officer, member):
    series = EventSeries.objects.create(
        title="Monthly huddle",
        rrule="FREQ=MONTHLY;COUNT=2",
        timezone="Europe/London",
        first_start=datetime.now(UTC).replace(microsecond=0) + timedelta(days=5),
        duration=timedelta(hours=1),
    )
    occurrence, _ = services.generate_occurrences(series, by=officer)
    assert occurrence.live
    assert occurrence.live_revision is not None
    assert occurrence.owner == officer
    assert PageLogEntry.objects.filter(page=occurrence, action="wagtail.publish").exists()

    idea = services.propose_topic_idea(member, "Evaluation that matters")
    draft = services.draft_event_from_topic(idea, by=officer)
    assert not draft.live
    assert draft.get_latest_revision().user == officer
    assert draft.get_latest_revision_as_object().title == "Evaluation that matters"


def test_create_event_page_publishes_through_the_one_handler(officer, member, monkeypatch):
    seen = []
    real = services.event_published
    monkeypatch.setattr(
        services, "event_published", lambda event, **kw: seen.append(event.pk) or real(event, **kw)
    )
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=9)
    event = services.create_event_page(
        by=officer,
        title="Story gathering huddle",
        summary="How partnerships gather stories.",
        start=start,
        end=start + timedelta(hours=1),
    )
    assert seen == [event.pk]
    assert event.live and event.url.startswith("/events/")
    assert services.register(member, event).status == "registered"
