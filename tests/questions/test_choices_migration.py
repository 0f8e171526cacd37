"""The old question email settings became notification choices: each person's choice is
carried over by the data migration (questions 0002)."""

from django.db import connection

import pytest

from hub.notifications.models import NotificationPreference
from hub.notifications.services import choices_of
from hub.people.factories import UserFactory
from tests.migrating import migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("questions", "0001_squashed_0003_answernotice_due_work")]
AFTER = [("questions", "0002_question_emails_become_notification_choices")]


def test_each_persons_question_email_choice_is_carried_over():
    no_answers, no_mentions, both_on, chose_digest = UserFactory.create_batch(4)
    NotificationPreference.objects.create(person=chose_digest, kind="answer", channel="digest")
    try:
        old_apps = migrate_to(BEFORE)
        Old = old_apps.get_model("questions", "QuestionEmailPreference")
        Old.objects.create(person_id=no_answers.pk, new_answers=False, mentions=True)
        Old.objects.create(person_id=no_mentions.pk, new_answers=True, mentions=False)
        Old.objects.create(person_id=both_on.pk, new_answers=True, mentions=True)
        # Going back made this person's row from their digest choice; they had also said
        # no to answer emails.
        Old.objects.update_or_create(
            person_id=chose_digest.pk, defaults={"new_answers": False, "mentions": True}
        )
    finally:
        migrate_to(AFTER)

    # "No emails about new answers" is now "answers in the hub only"; mentions still email.
    assert choices_of(no_answers)["answer"] == "hub"
    assert choices_of(no_answers)["mention"] == "email"
    assert choices_of(no_mentions)["mention"] == "hub"
    assert choices_of(no_mentions)["answer"] == "email"
    assert choices_of(both_on)["answer"] == choices_of(both_on)["mention"] == "email"
    # A choice already made on the notification page is kept.
    assert choices_of(chose_digest)["answer"] == "digest"
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "questions_questionemailpreference" not in tables
