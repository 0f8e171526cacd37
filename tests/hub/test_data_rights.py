"""Download my data and close my account (issue 14): what is in the zip, what is left after
closing (table by table), the waiting list, and who may close whose account."""

import io
import json
import zipfile
from datetime import timedelta

from django.apps import apps
from django.core.exceptions import FieldError, PermissionDenied
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration
from hub.core.services import ServiceError
from hub.library.factories import NoteFactory, ResourceFactory, StoryConsentFactory
from hub.library.models import Note, Resource, StoryConsent
from hub.people.closing import FORMER_MEMBER, close_account
from hub.people.factories import MembershipFactory, UserFactory
from hub.people.models import AccountClosure, User
from hub.questions.factories import AnswerFactory, QuestionFactory
from hub.questions.models import Answer, Question
from learning_sets.factories import make_set
from learning_sets.models import DiscussionPost, SetMembership
from tests.waiting_list import full_event_with_waiting_list

pytestmark = pytest.mark.django_db

MARKERS = ["closer@example.org", "Zed Closerton", "ZEBRABIO", "ZEBRAASK", "ZEBRAROLE"]


@pytest.fixture
def closer(partnership):
    person = UserFactory(
        email="closer@example.org",
        display_name="Zed Closerton",
        first_name="Zed",
        last_name="Closerton",
        bio="ZEBRABIO likes evaluation",
        ask_me_about="ZEBRAASK parents forums",
        role_in_own_words="ZEBRAROLE parent",
    )
    MembershipFactory(person=person, partnership=partnership)
    return person


@pytest.fixture
def world(closer, member):
    """The closer's own things, and others' private things beside them."""
    resource = ResourceFactory(shared_by=member, title="Shared toolkit")
    with transaction.atomic():
        learning_set = make_set(members=[closer, member])
    DiscussionPost.objects.create(learning_set=learning_set, author=closer, body="MY-SET-POST")
    DiscussionPost.objects.create(learning_set=learning_set, author=member, body="OTHER-SET-POST")
    question = QuestionFactory(author=closer, title="MY-QUESTION title")
    AnswerFactory(question=question, author=member, body="OTHER-ANSWER")
    lonely = QuestionFactory(author=closer, title="MY-LONELY-QUESTION")
    AnswerFactory(question=QuestionFactory(author=member), author=closer, body="MY-ANSWER")
    NoteFactory(resource=resource, author=closer, body="MY-NOTE")
    NoteFactory(resource=resource, author=member, body="OTHER-NOTE")
    QuestionFactory(author=member, title="OTHER-PRIVATE-QUESTION")
    consent = StoryConsentFactory(teller=closer, consented_by="Zed Closerton")
    return {"set": learning_set, "question": question, "lonely": lonely, "consent": consent}


def _zip(client, person):
    client.force_login(person)
    response = client.post(reverse("people:my_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_download_holds_the_persons_data_and_nothing_private_of_others(client, closer, world):
    archive = _zip(client, closer)
    names = set(archive.namelist())
    for part in [
        "account/profile",
        "account/memberships",
        "questions/questions",
        "questions/answers",
        "library/notes",
        "learning_sets/discussion_posts",
        "events/registrations",
        "notifications/notifications",
        "digests/digest_choices",
        "partnerships/replies",
        "briefings/responses",
    ]:
        assert f"{part}.json" in names and f"{part}.csv" in names
    everything = "".join(archive.read(name).decode() for name in names)
    for mine in ["closer@example.org", "ZEBRABIO", "MY-SET-POST", "MY-QUESTION", "MY-NOTE"]:
        assert mine in everything
    for theirs in ["OTHER-SET-POST", "OTHER-NOTE", "OTHER-PRIVATE-QUESTION", "member@example.org"]:
        assert theirs not in everything
    profile = json.loads(archive.read("account/profile.json"))
    assert profile[0]["display_name"] == "Zed Closerton"


def test_a_typed_formula_is_not_run_by_a_spreadsheet(client, closer):
    closer.bio = "=HYPERLINK(1)"
    closer.save()
    archive = _zip(client, closer)
    assert "'=HYPERLINK(1)" in archive.read("account/profile.csv").decode()


def test_visitors_are_sent_to_sign_in(client):
    for name in ["people:my_data", "people:close_account"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(reverse("people:my_data")).status_code == 302


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
            yield field.name


def _personal_data_left():
    """Every text column of every table, searched for each marker."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for name in _text_fields(model):
            for marker in MARKERS:
                try:
                    hit = model._default_manager.filter(**{f"{name}__icontains": marker}).exists()
                except (FieldError, NotImplementedError):
                    continue
                if hit:
                    found.append(f"{model._meta.label}.{name}: {marker}")
    return found


def test_closing_keeps_contributions_as_a_former_members_and_no_personal_data(closer, world):
    assert _personal_data_left()  # the search finds the markers while they are there
    close_account(closer, keep_contributions=True)
    assert _personal_data_left() == []
    closer = User.objects.get(pk=closer.pk)
    assert closer.display_name == FORMER_MEMBER and not closer.is_active
    assert not closer.has_usable_password()
    assert closer.memberships.count() == 0
    assert Question.objects.filter(author=closer).count() == 2
    assert Note.objects.filter(body="MY-NOTE").exists()
    post = DiscussionPost.objects.get(body="MY-SET-POST")
    assert post.author is None  # anonymised, as the set's ground rules say
    assert not SetMembership.objects.current().filter(person=closer).exists()
    consent = StoryConsent.objects.get(pk=world["consent"].pk)
    assert consent.teller is None and consent.consented_by == "a former member"
    closure = AccountClosure.objects.get(account=closer)
    assert closure.closed_by is None and closure.contributions_kept


def test_closing_with_removal_removes_what_they_wrote_but_not_others_answers(closer, world):
    close_account(closer, keep_contributions=False)
    assert _personal_data_left() == []
    assert not Note.objects.filter(body="MY-NOTE").exists()
    assert not Answer.objects.filter(body="MY-ANSWER").exists()
    assert not Question.objects.filter(pk=world["lonely"].pk).exists()
    # A question someone else answered stays (as a former member's) with its answer.
    assert Answer.objects.filter(body="OTHER-ANSWER", question=world["question"]).exists()
    assert Note.objects.filter(body="OTHER-NOTE").exists()
    assert StoryConsent.objects.filter(pk=world["consent"].pk).exists()


def test_removing_a_story_they_shared_keeps_its_consent_record_without_the_story(closer, member):
    story = ResourceFactory(shared_by=closer, title="MY-STORY title", description="MY-STORY")
    consent = StoryConsentFactory(resource=story, teller=member, consented_by="Mo Teller")
    plain = ResourceFactory(shared_by=closer, title="MY-TOOLKIT")

    close_account(closer, keep_contributions=False)

    assert not Resource.objects.filter(pk=plain.pk).exists()
    assert not Resource.objects.filter(pk=story.pk).exists()
    kept = StoryConsent.objects.get(pk=consent.pk)  # the law's record outlives the story
    assert kept.resource is None and kept.consented_by == "Mo Teller"
    assert kept.review_date == consent.review_date and kept.use == consent.use
    assert not StoryConsent.objects.visible_to(member).filter(pk=consent.pk).exists()


def test_closing_gives_the_place_to_the_first_on_the_waiting_list(closer, member, lead):
    event, place, first, second = full_event_with_waiting_list(closer, member, lead)
    past = RegistrationFactory(
        event=EventPageFactory(
            start=timezone.now() - timedelta(days=3), end=timezone.now() - timedelta(days=3)
        ),
        person=closer,
        attended=True,
    )
    close_account(closer, keep_contributions=True)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[place.pk] == Registration.Status.CANCELLED
    assert statuses[first.pk] == Registration.Status.REGISTERED
    assert statuses[second.pk] == Registration.Status.WAITLISTED
    assert statuses[past.pk] == Registration.Status.REGISTERED  # history kept for the counts


def test_an_officer_closes_an_account_on_request_and_it_is_logged(closer, officer, member):
    with pytest.raises(PermissionDenied):
        close_account(closer, keep_contributions=True, by=member)
    with pytest.raises(ServiceError):
        close_account(closer, keep_contributions=True, by=officer, reason="  ")
    close_account(closer, keep_contributions=False, by=officer, reason="Asked by email on 1 Dec")
    closure = AccountClosure.objects.get(account=closer)
    assert closure.closed_by == officer and closure.reason == "Asked by email on 1 Dec"
    assert closure.closed_at <= timezone.now()
    with pytest.raises(ServiceError):
        close_account(closer, keep_contributions=False, by=officer, reason="again")


def test_the_close_page_shows_errors_and_keeps_the_choice(client, closer):
    client.force_login(closer)
    response = client.post(reverse("people:close_account"), {"contributions": "remove"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tick the box to say you understand this cannot be undone." in text
    assert 'value="remove" checked' in text or "checked" in text
    assert response.context["form"]["contributions"].value() == "remove"
    assert User.objects.get(pk=closer.pk).is_active


def test_closing_from_the_page_signs_the_person_out(client, closer):
    client.force_login(closer)
    response = client.post(
        reverse("people:close_account"), {"contributions": "keep", "confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:account_closed")
    assert "_auth_user_id" not in client.session
    assert "closed" in client.get(response["Location"]).content.decode()
    assert client.get(reverse("people:my_data")).status_code == 302
