"""Two beats at once (two threads, two database connections, on PostgreSQL): a scheduled page
is published once, and the supporters of a topic idea hear once that it is on."""

import contextlib
import threading
from datetime import UTC, datetime, timedelta
from unittest import mock

from django.db import connection

from wagtail.models import PageLogEntry, Revision

import pytest
import time_machine

from briefings.tasks import publish_scheduled_pages
from events import services
from events.factories import events_index
from events.models import EventPage, TopicIdea
from hub.core.models import OutgoingEmail

pytestmark = [
    pytest.mark.services,
    # Put back what the data migrations made (groups, home page) for the tests that follow.
    pytest.mark.django_db(transaction=True),
]


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Two connections racing need PostgreSQL (always there on CI)")


def _at_once(target, *, meeting_point):
    """Run ``target`` in two threads, each with its own connection; ``meeting_point`` is
    patched to wait (up to two seconds) for the other thread there, so the two overlap."""
    barrier = threading.Barrier(2, timeout=2)
    errors = []

    def wait_for_the_other(original):
        def waiting(*args, **kwargs):
            # If the other thread never comes (it skipped), go on alone after two seconds.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
            return original(*args, **kwargs)

        return waiting

    def run():
        try:
            target()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    module, name = meeting_point
    with mock.patch.object(module, name, wait_for_the_other(getattr(module, name))):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert errors == []


def test_two_beats_publish_a_scheduled_page_once(event):
    _needs_postgresql()
    event.save_revision().publish()
    page = EventPage.objects.get(pk=event.pk)
    page.title = "Co-production huddle (new title)"
    go_live = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    page.go_live_at = go_live
    page.save_revision(approved_go_live_at=go_live).publish()
    assert EventPage.objects.get(pk=event.pk).title == "Co-production huddle"
    with time_machine.travel(go_live + timedelta(minutes=1)):
        _at_once(publish_scheduled_pages, meeting_point=(Revision, "publish"))
    assert EventPage.objects.get(pk=event.pk).title == "Co-production huddle (new title)"
    published = PageLogEntry.objects.filter(page=event, action="wagtail.publish.scheduled")
    assert published.count() == 1


def test_two_publishes_at_once_tell_a_topic_s_supporters_once(member, outsider, officer):
    _needs_postgresql()
    events_index()  # made by migration; an earlier test's flush may have removed it
    idea = services.propose_topic_idea(member, "Reaching fathers", "How do we reach dads?")
    services.support_topic_idea(outsider, idea)
    event = services.draft_event_from_topic(idea, by=officer)
    event.save_revision(user=officer).publish(user=officer)
    # As if both publishes were just happening: the idea not yet announced, nothing sent.
    TopicIdea.objects.filter(pk=idea.pk).update(status=TopicIdea.Status.PLANNED)
    OutgoingEmail.objects.all().delete()
    live = EventPage.objects.get(pk=event.pk)
    from events.services import ideas

    _at_once(lambda: services.announce_scheduled_topics(live), meeting_point=(ideas, "send_email"))
    told = sorted(to for row in OutgoingEmail.objects.all() for to in row.to)
    assert told == ["member@example.org", "outsider@example.org"]
    assert TopicIdea.objects.get(pk=idea.pk).status == TopicIdea.Status.SCHEDULED
