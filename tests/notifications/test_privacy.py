"""A notification about something later hidden shows nothing of it: the page, the email sent
later, the digest. And nobody sees another person's notifications."""

from django.core import mail

from hub.core import due_work
from hub.core.whats_new import DIGEST
from hub.digests import services as digests
from hub.moderation import services as moderation
from hub.notifications.kinds import Channel
from hub.notifications.models import Notification, NotificationEmail
from hub.notifications.services import UNAVAILABLE, set_choices
from hub.notifications.whats_new import ForYou
from hub.questions import services as questions
from tests.digests.conftest import IN_PERIOD, SEND_DAY

SECRET = "Tidewater"


def test_the_list_shows_nothing_of_a_thing_since_hidden(
    client_for, question, member, outsider, officer
):
    question.title = f"How we used {SECRET}"
    question.save(update_fields=["title"])
    questions.post_answer(question, author=outsider, body="An answer")
    client = client_for(member)
    assert SECRET in client.get("/notifications/").content.decode()
    moderation.hide(question, by=officer, reason="Names a family")
    body = client.get("/notifications/").content.decode()
    assert SECRET not in body and UNAVAILABLE in body
    # Opening it lands on the list, which says so, not on the thing.
    n = Notification.objects.get(recipient=member, kind="answer")
    response = client.get(f"/notifications/{n.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == "/notifications/"
    assert SECRET not in response.content.decode()


def _titled(question):
    question.title = f"How we used {SECRET}"
    question.save(update_fields=["title"])
    return question


def test_an_email_due_later_leaves_out_what_was_hidden_meanwhile(
    question, member, outsider, officer, django_capture_on_commit_callbacks
):
    _titled(question)
    answer = questions.post_answer(question, author=outsider, body="Ours")
    set_choices(outsider, {"accepted": Channel.EMAIL})
    questions.accept_answer(answer, by=member)  # the hub's own notification email, due work
    assert NotificationEmail.objects.count() == 1
    moderation.hide(question, by=officer, reason="Names a family")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        due_work.run(NotificationEmail)
    assert not [m for m in mail.outbox if m.to == [outsider.email]]
    assert NotificationEmail.objects.get().skipped is True


def test_an_email_names_the_thing_while_it_is_visible(
    question, member, outsider, django_capture_on_commit_callbacks
):
    _titled(question)
    answer = questions.post_answer(question, author=outsider, body="Ours")
    set_choices(outsider, {"accepted": Channel.EMAIL})
    with django_capture_on_commit_callbacks(execute=True):
        questions.accept_answer(answer, by=member)
    [email] = [m for m in mail.outbox if m.to == [outsider.email]]
    assert SECRET in email.subject and "/notifications/" in email.body
    assert NotificationEmail.objects.get().done_at is not None


def test_the_digest_for_you_part_leaves_out_what_was_hidden(question, member, outsider, officer):
    set_choices(member, {"answer": Channel.DIGEST})
    _titled(question)
    questions.post_answer(question, author=outsider, body="An answer")
    Notification.objects.update(created_at=IN_PERIOD)
    period = digests.period_for("weekly", SEND_DAY)
    feed = ForYou()
    [item] = feed.for_people([member], period)[member.pk].items
    assert SECRET in item.title
    moderation.hide(question, by=officer, reason="Names a family")
    assert member.pk not in feed.for_people([member], period)


def test_the_digest_no_longer_lists_answers_twice(question, member, outsider):
    """Answers the member hears of by email are not in the digest's "for you" part."""
    questions.post_answer(question, author=outsider, body="An answer")
    Notification.objects.update(created_at=IN_PERIOD)
    assert ForYou().for_people([member], digests.period_for("weekly", SEND_DAY)) == {}
    assert "hub.questions.whats_new.AnswersToFollowedQuestions" not in DIGEST
