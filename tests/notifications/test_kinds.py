"""Counts are right after each kind of event, and each kind reaches the right people."""

from datetime import timedelta

from django.core import mail

from events import services as events
from events.factories import EventPageFactory
from events.models import Registration
from hub.moderation import services as moderation
from hub.notifications import announcements
from hub.notifications.kinds import Channel
from hub.notifications.models import Notification, NotificationEmail
from hub.notifications.services import set_choices, unread_count
from hub.people.factories import UserFactory
from hub.questions import services as questions
from hub.questions.models import AnswerNotice


def kinds_of(person):
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def test_an_answer_tells_the_asker_and_followers_but_not_the_one_who_answered(
    question, member, outsider, lead
):
    questions.set_follow(question, lead)
    questions.post_answer(question, author=outsider, body="We use a closed group.")
    assert unread_count(member) == 1
    assert unread_count(lead) == 1
    assert unread_count(outsider) == 0
    # Their email is the batched answer email, once: no second notification email.
    assert AnswerNotice.objects.filter(follower=member).count() == 1
    assert not NotificationEmail.objects.exists()


def test_choosing_the_digest_for_answers_means_no_answer_email(question, member, outsider):
    set_choices(member, {"answer": Channel.DIGEST})
    questions.post_answer(question, author=outsider, body="We use a closed group.")
    assert unread_count(member) == 1
    assert not AnswerNotice.objects.exists()


def test_off_means_nothing_at_all(question, member, outsider):
    set_choices(member, {"answer": Channel.OFF})
    questions.post_answer(question, author=outsider, body="We use a closed group.")
    assert unread_count(member) == 0


def test_accepting_tells_the_answer_s_author_once(question, member, outsider):
    answer = questions.post_answer(question, author=outsider, body="We use a closed group.")
    questions.accept_answer(answer, by=member)
    questions.accept_answer(answer, by=member)  # again: nothing new to tell
    assert kinds_of(outsider) == ["accepted"]


def test_a_mention_is_a_notification_and_its_email(
    question, member, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        questions.post_answer(
            question, author=member, body=f"@[Owen Outsider]({outsider.pk}) what do you do?"
        )
    assert kinds_of(outsider) == ["mention"]
    assert [m.to for m in mail.outbox if "mentioned you" in m.subject] == [[outsider.email]]


def test_a_mention_set_to_the_hub_sends_no_email(
    question, member, outsider, django_capture_on_commit_callbacks
):
    set_choices(outsider, {"mention": Channel.HUB})
    with django_capture_on_commit_callbacks(execute=True):
        questions.post_answer(
            question, author=member, body=f"@[Owen Outsider]({outsider.pk}) what do you do?"
        )
    assert unread_count(outsider) == 1
    assert not [m for m in mail.outbox if "mentioned you" in m.subject]


def test_promotion_from_the_waitlist(member, outsider, lead, django_capture_on_commit_callbacks):
    event = EventPageFactory(title="Co-production huddle", capacity=1)
    first = events.register(member, event)
    events.register(lead, event)
    assert unread_count(lead) == 0
    with django_capture_on_commit_callbacks(execute=True):
        events.cancel(first)
    assert kinds_of(lead) == ["promoted"]
    # One email, the events' own (with its calendar file).
    to_lead = [m for m in mail.outbox if m.to == [lead.email]]
    assert [m.subject for m in to_lead if "place has come up" in m.subject.lower()]
    assert not NotificationEmail.objects.exists()


def _republish(event, **changes):
    for name, value in changes.items():
        setattr(event, name, value)
    event.save_revision().publish()


def test_changes_people_notice_are_told_and_others_are_not(member, outsider):
    event = EventPageFactory(title="Co-production huddle", capacity=1)
    events.register(member, event)
    events.register(outsider, event)  # waitlisted
    _republish(event, summary="A better summary")
    assert unread_count(member) == 0
    _republish(event, joining_link="https://meet.example.org/new-room")
    assert kinds_of(member) == ["event_changed"] and kinds_of(outsider) == []
    _republish(event, venue_name="Harbour Community Centre")
    assert unread_count(member) == 2 and unread_count(outsider) == 1
    _republish(event, start=event.start + timedelta(hours=1), end=event.end + timedelta(hours=1))
    assert unread_count(member) == 3 and unread_count(outsider) == 2
    _republish(event, is_cancelled=True)
    assert unread_count(member) == 4
    contexts = [n.context["change"] for n in Notification.objects.filter(recipient=member)]
    assert sorted(contexts) == sorted(
        [
            "the joining link has changed",
            "the place has changed",
            "the time has changed",
            "cancelled",
        ]
    )
    # The joining link itself is never stored in a notification.
    assert "meet.example.org" not in str(list(Notification.objects.values("context")))
    assert Registration.objects.filter(event=event).count() == 2


def test_moderation_tells_the_author_when_hidden_and_when_restored(question, member, officer):
    answer = questions.post_answer(question, author=UserFactory(), body="A reply")
    author = answer.author
    moderation.hide(answer, by=officer, reason="Names a child")
    moderation.restore(answer, by=officer)
    assert kinds_of(author) == ["moderation", "moderation"]
    outcomes = sorted(n.context["outcome"] for n in Notification.objects.filter(recipient=author))
    assert outcomes == ["is back on the hub", "is hidden"]


def test_an_announcement_reaches_its_audience(member, lead, outsider, officer, partnership):
    announcements.announce(
        by=officer,
        title="Huddle dates",
        body="See you there.",
        audience="partnership",
        partnership=partnership,
    )
    assert (unread_count(member), unread_count(lead), unread_count(outsider)) == (1, 1, 0)
    announcements.announce(by=officer, title="All welcome", body="Hello.", audience="everyone")
    assert (unread_count(member), unread_count(outsider)) == (2, 1)
    assert unread_count(officer) == 0  # the sender is not told of their own announcement


def test_a_mention_in_a_question_counts_once_and_marking_read_counts_down(member, outsider):
    from hub.notifications.services import mark_all_read, mark_read

    question = questions.ask_question(
        author=member, title="Who has run a story circle?", body=f"@[Owen]({outsider.pk})?"
    )
    assert kinds_of(outsider) == ["mention"] and unread_count(outsider) == 1
    answer = questions.post_answer(question, author=outsider, body="We have, twice.")
    questions.accept_answer(answer, by=member)
    assert unread_count(outsider) == 2  # the mention, and their answer accepted
    assert unread_count(member) == 1  # the answer to their question
    mark_read(Notification.objects.get(recipient=outsider, kind="accepted"), outsider)
    assert unread_count(outsider) == 1
    mark_all_read(outsider)
    assert unread_count(outsider) == 0 and unread_count(member) == 1


def test_an_announcement_is_in_the_next_digest_for_you_once(member, officer):
    """One way to announce: by default a notification in the hub and in the digest's "For
    you" (unread, in its period), so the next digest tells it and the one after does not."""
    from hub.digests.services import compose, period_for
    from hub.notifications.whats_new import ForYou

    announcements.announce(by=officer, title="Spring huddles", body="Booked.", audience="everyone")
    [told] = Notification.objects.filter(recipient=member, kind="announcement")
    assert told.channel == Channel.DIGEST
    send_day = told.created_at.date() + timedelta(days=1)
    this_week = compose([member], period_for("weekly", send_day))[member.pk]
    for_you = [s for s in this_week.sections if s.key == ForYou.key]
    assert [i.title for s in for_you for i in s.items] == ["Announcement: Spring huddles"]
    next_week = compose([member], period_for("weekly", send_day + timedelta(days=7)))[member.pk]
    assert not [s for s in next_week.sections if s.key == ForYou.key and s.items]
