from datetime import timedelta

from django.core import mail

import pytest
import time_machine

from hub.celery import app
from hub.core import due_work
from hub.questions import services

pytestmark = pytest.mark.django_db


def test_beat_sweeps_answer_notices_every_few_minutes():
    # Answer notices are due work: the one due-work task, on beat every minute, runs them.
    entry = app.conf.beat_schedule["due-work"]
    assert entry["task"] == "hub.core.tasks.run_due_work"
    assert entry["schedule"] <= 10 * 60
    assert due_work.kinds()["questions.AnswerNotice"].handler is services.send_claimed_notices


def test_task_sends_due_notices_once(question, lead, django_capture_on_commit_callbacks):
    services.post_answer(question, author=lead, body="Try a broadcast channel.")
    assert services.send_due_answer_notices() == 0  # not due yet: answers close together batch up
    with (
        time_machine.travel(timedelta(minutes=30)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.send_due_answer_notices() == 1
        assert services.send_due_answer_notices() == 0
    assert len(mail.outbox) == 1 and "A new answer" in mail.outbox[0].subject
