"""The demo seeder makes two sets and is safe to run twice."""

import io

import pytest

from learning_sets.models import Action, ActionReview, LearningSet, PresentedIssue, SetSession

pytestmark = pytest.mark.django_db


def test_seed_makes_a_meeting_and_a_forming_set_and_runs_twice(settings, tmp_path):
    from hub.core.demo import seed as seed_people
    from learning_sets.demo import seed

    seed_people(io.StringIO())
    seed(io.StringIO())
    counts = [
        m.objects.count() for m in (LearningSet, SetSession, PresentedIssue, Action, ActionReview)
    ]
    seed(io.StringIO())
    assert [
        m.objects.count() for m in (LearningSet, SetSession, PresentedIssue, Action, ActionReview)
    ] == counts
    assert set(LearningSet.objects.values_list("status", flat=True)) == {"meeting", "forming"}
    assert counts[2] >= 3 and counts[3] >= 5 and counts[4] >= 3
    meeting = LearningSet.objects.get(status="meeting")
    assert meeting.group.user_set.count() == meeting.current_memberships().count() + 1
