from datetime import date

from django.core import mail

import pytest

from hub.library import services
from hub.library.factories import StoryConsentFactory

pytestmark = pytest.mark.django_db


def test_consent_review_reminder_goes_once_per_review_date(
    member, django_capture_on_commit_callbacks
):
    consent = StoryConsentFactory(resource__shared_by=member, review_date=date(2026, 1, 10))
    StoryConsentFactory(review_date=date(2099, 1, 1))  # not due
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_due_consent_reviews() == 1
        assert services.remind_due_consent_reviews() == 0  # a second sweep sends nothing
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert consent.resource.title in mail.outbox[0].subject
    assert consent.resource.get_absolute_url() in mail.outbox[0].body

    # A new review date re-arms it.
    consent.review_date = date(2026, 6, 1)
    consent.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_due_consent_reviews(today=date(2026, 6, 1)) == 1
    assert len(mail.outbox) == 2


def test_withdrawn_stories_are_not_reminded(member):
    consent = StoryConsentFactory(resource__shared_by=member, review_date=date(2026, 1, 10))
    services.withdraw_story(consent.resource, by=member)
    assert services.remind_due_consent_reviews() == 0
