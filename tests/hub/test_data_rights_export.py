"""What the data download holds (issue 14), beyond test_data_rights.py: the person's
notifications and everything they wrote in learning sets, and none of the other set members'
words, nor others' notifications. Closing keeps a story's consent record without the name."""

import json

from django.db import transaction

import pytest

from hub.library.models import StoryConsent
from hub.notifications.models import Notification
from hub.people.closing import close_account
from learning_sets.factories import make_set
from learning_sets.models import Action, DiscussionPost, PresentedIssue, SetSession
from tests.hub.test_data_rights import _personal_data_left, _zip, closer, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def set_and_notices(closer, member):  # noqa: F811
    with transaction.atomic():
        learning_set = make_set(members=[closer, member])
    session = SetSession.objects.create(
        learning_set=learning_set, starts_at="2026-02-20T12:00Z", ends_at="2026-02-20T14:00Z"
    )
    for person, tag in ((closer, "MINE"), (member, "THEIRS")):
        issue = PresentedIssue.objects.create(
            learning_set=learning_set, session=session, presenter=person, issue=f"{tag}-ISSUE"
        )
        Action.objects.create(
            learning_set=learning_set, issue=issue, owner=person, text=f"{tag}-ACTION"
        )
        DiscussionPost.objects.create(learning_set=learning_set, author=person, body=f"{tag}-POST")
    Notification.objects.create(recipient=closer, kind="announcement", context={"n": "MINE-N"})
    Notification.objects.create(recipient=member, kind="announcement", context={"n": "THEIRS-N"})
    return learning_set


def _read(archive, name):
    return json.loads(archive.read(f"{name}.json"))


def test_the_download_holds_notifications_and_set_writing_of_the_person_only(
    client,
    closer,  # noqa: F811
    set_and_notices,
):
    archive = _zip(client, closer)
    notifications = _read(archive, "notifications/notifications")
    assert [row["kind"] for row in notifications] == ["announcement"]
    assert [row["issue"] for row in _read(archive, "learning_sets/presented_issues")] == [
        "MINE-ISSUE"
    ]
    assert [row["text"] for row in _read(archive, "learning_sets/actions")] == ["MINE-ACTION"]
    assert [row["body"] for row in _read(archive, "learning_sets/discussion_posts")] == [
        "MINE-POST"
    ]
    assert "learning_sets/set_memberships.json" in archive.namelist()
    everything = "".join(archive.read(name).decode() for name in archive.namelist())
    assert "THEIRS" not in everything  # nothing another set member wrote, no one else's notice
    assert "Maya Member" not in everything and "member@example.org" not in everything


def test_closing_keeps_the_story_consent_without_the_name(closer, world):  # noqa: F811
    consent = world["consent"]
    close_account(closer, keep_contributions=True)
    kept = StoryConsent.objects.get(pk=consent.pk)
    assert kept.teller is None and kept.anonymised
    assert kept.consented_by == "a former member" and kept.use == consent.use
    assert _personal_data_left() == []
