"""The rules: accepting, mentions, following, batched answer emails, edit history."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

import pytest

from hub.core.services import ServiceError
from hub.moderation.services import revisions_of
from hub.notifications.services import set_choices
from hub.people.factories import UserFactory, member_of
from hub.questions import services
from hub.questions.models import AnswerNotice, Follow, HaveThisToo

pytestmark = pytest.mark.django_db


def test_asking_records_partnership_and_follows(question, member, partnership):
    assert question.partnership == partnership
    assert Follow.objects.filter(question=question, person=member).exists()


def test_people_awaiting_approval_cannot_ask():
    waiting = UserFactory(is_approved=False)
    with pytest.raises(PermissionDenied):
        services.ask_question(author=waiting, title="Hello?", body="Anyone?")


# --- Accepting ----------------------------------------------------------------------------


def test_asker_accepts_one_answer_at_a_time(question, member, lead, outsider):
    first = services.post_answer(question, author=lead, body="Use a moderated group.")
    second = services.post_answer(question, author=outsider, body="Agree ground rules.")
    services.accept_answer(first, by=member)
    question.refresh_from_db()
    assert question.accepted_answer == first
    services.accept_answer(second, by=member)
    question.refresh_from_db()
    assert question.accepted_answer == second  # replaced, never two


def test_officer_may_accept(question, lead, officer):
    answer = services.post_answer(question, author=lead, body="A moderated group.")
    services.accept_answer(answer, by=officer)
    question.refresh_from_db()
    assert question.accepted_answer == answer


@pytest.mark.parametrize("who", ["lead", "outsider", "facilitator", "answerer"])
def test_others_may_not_accept(question, lead, outsider, facilitator, who):
    answer = services.post_answer(question, author=lead, body="A moderated group.")
    person = {"lead": lead, "outsider": outsider, "facilitator": facilitator}.get(who, lead)
    with pytest.raises(PermissionDenied):
        services.accept_answer(answer, by=person)
    with pytest.raises(PermissionDenied):
        services.clear_accepted_answer(question, by=person)
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_hidden_answer_cannot_be_accepted(question, member, lead, officer):
    from hub.moderation.services import hide

    answer = services.post_answer(question, author=lead, body="Buy our product!")
    hide(answer, by=officer, reason="Advertising")
    with pytest.raises(ServiceError):
        services.accept_answer(answer, by=member)


def test_deleting_the_accepted_answer_unsolves(question, member, lead):
    answer = services.post_answer(question, author=lead, body="Yes.")
    services.accept_answer(answer, by=member)
    services.delete_answer(answer, by=lead)
    question.refresh_from_db()
    assert question.accepted_answer is None


# --- Mentions -----------------------------------------------------------------------------


def test_mentioned_members_are_emailed(
    question, lead, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.post_answer(
            question, author=lead, body=f"@[{outsider.display_name}]({outsider.pk}) did this."
        )
    mention_mail = [m for m in mail.outbox if "mentioned you" in m.subject]
    assert [m.to for m in mention_mail] == [[outsider.email]]
    assert question.get_absolute_url() in mention_mail[0].body


def test_only_members_who_can_see_the_question_can_be_mentioned(
    question, lead, django_capture_on_commit_callbacks
):
    waiting = UserFactory(is_approved=False, display_name="Wendy Waiting")
    gone = UserFactory(is_active=False, display_name="Gina Gone")
    for person in (waiting, gone):
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(ServiceError) as error,
        ):
            services.post_answer(
                question, author=lead, body=f"@[{person.display_name}]({person.pk})"
            )
        assert person.display_name in str(error.value)
    with pytest.raises(ServiceError):
        services.post_answer(question, author=lead, body="@[Nobody](999999)")
    assert question.answers.count() == 0
    assert mail.outbox == []


def test_editing_tells_only_newly_mentioned(
    question, member, lead, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_question(
            question, by=member, title=question.title, body=f"cc @[Liam]({lead.pk})"
        )
        services.edit_question(
            question,
            by=member,
            title=question.title,
            body=f"cc @[Liam]({lead.pk}) and @[Owen]({outsider.pk})",
        )
    assert sorted(m.to[0] for m in mail.outbox) == [lead.email, outsider.email]


@pytest.mark.parametrize("channel", ["hub", "digest", "off"])
def test_mention_emails_respect_the_notification_choice(
    question, lead, outsider, channel, django_capture_on_commit_callbacks
):
    set_choices(outsider, {"mention": channel})
    with django_capture_on_commit_callbacks(execute=True):
        services.post_answer(question, author=lead, body=f"@[Owen]({outsider.pk})")
    assert mail.outbox == []
    told = outsider.notifications.filter(kind="mention")
    assert told.count() == (0 if channel == "off" else 1)


# --- Have this too, follow ----------------------------------------------------------------


def test_have_this_too_once_per_person(question, lead):
    services.set_have_this_too(question, lead)
    services.set_have_this_too(question, lead)
    assert HaveThisToo.objects.filter(question=question).count() == 1
    services.set_have_this_too(question, lead, on=False)
    assert not HaveThisToo.objects.exists()


def test_visitors_and_waiting_people_cannot_follow(question):
    waiting = UserFactory(is_approved=False)
    with pytest.raises(PermissionDenied):
        services.set_follow(question, waiting)


# --- Batched answer emails ----------------------------------------------------------------


def test_followers_get_one_email_listing_new_answers_once(
    question, member, lead, outsider, partnership, django_capture_on_commit_callbacks
):
    follower = member_of(partnership)
    services.set_follow(question, follower)
    services.post_answer(question, author=lead, body="First idea: ground rules.")
    services.post_answer(question, author=outsider, body="Second idea: two admins.")
    later = timezone.now() + timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_answer_notices(now=later) == 2  # the asker and the follower
        assert services.send_due_answer_notices(now=later) == 0  # the second sweep sends none
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, follower.email])
    body = mail.outbox[0].body
    assert "First idea" in body and "Second idea" in body
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers
    assert AnswerNotice.objects.filter(done_at__isnull=True).count() == 0


def test_notices_wait_until_due_and_skip_authors_own_answer(question, member):
    services.post_answer(question, author=member, body="Update: we tried it.")
    assert not AnswerNotice.objects.exists()  # the asker answered: nobody else follows


def test_notices_respect_the_setting_and_hidden_answers(
    question, member, lead, outsider, officer, django_capture_on_commit_callbacks
):
    from hub.moderation.services import hide

    services.set_follow(question, outsider)
    answer = services.post_answer(question, author=lead, body="Spam")
    # Chosen after the answer came, before its email went: the choice is read again.
    set_choices(member, {"answer": "hub"})
    hide(answer, by=officer, reason="Spam")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_answer_notices(now=timezone.now() + timedelta(hours=1)) == 0
    assert mail.outbox == []
    assert AnswerNotice.objects.filter(skipped=True).count() == 2


def test_not_due_yet_is_not_sent(question, lead):
    services.post_answer(question, author=lead, body="Soon.")
    assert services.send_due_answer_notices(now=timezone.now()) == 0
    assert AnswerNotice.objects.filter(done_at__isnull=True).count() == 1


# --- Edit history -------------------------------------------------------------------------


def test_edits_keep_history(question, member, lead):
    services.edit_question(question, by=member, title="New title", body="New body")
    answer = services.post_answer(question, author=lead, body="Old answer")
    services.edit_answer(answer, by=lead, body="New answer")
    (revision,) = revisions_of(question)
    assert revision.data["title"] == "How do you keep parents' WhatsApp groups safe?"
    assert revisions_of(answer)[0].data == {"body": "Old answer"}


def test_only_authors_edit_and_delete(question, lead, officer):
    answer = services.post_answer(question, author=lead, body="Mine")
    for person in (lead, officer):
        with pytest.raises(PermissionDenied):
            services.edit_question(question, by=person, title="x", body="y")
        with pytest.raises(PermissionDenied):
            services.delete_question(question, by=person)
    with pytest.raises(PermissionDenied):
        services.edit_answer(answer, by=officer, body="z")
    with pytest.raises(PermissionDenied):
        services.delete_answer(answer, by=officer)


def test_a_claimed_notice_is_not_taken_by_a_parallel_sweep(question, lead):
    services.post_answer(question, author=lead, body="Claimed elsewhere")
    later = timezone.now() + timedelta(hours=1)
    # Another sweep has claimed the row and is sending it right now.
    AnswerNotice.objects.update(claimed_at=later)
    # (A claim a minute old is well inside the claiming task's time limit.)
    assert services.send_due_answer_notices(now=later + timedelta(minutes=1)) == 0
    # If that sweep died, the claim expires and the notice still goes out, once.
    assert services.send_due_answer_notices(now=later + timedelta(hours=1)) == 1
    assert services.send_due_answer_notices(now=later + timedelta(hours=2)) == 0
