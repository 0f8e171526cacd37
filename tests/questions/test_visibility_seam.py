"""Follows and answers answer ``visible_to``/``can_view`` with the shared meaning."""

from django.utils.html import escape

from hub.moderation import services as moderation
from hub.questions import services
from hub.questions.models import Answer, Follow


def test_a_follow_is_seen_only_by_its_follower(question, member, lead, outsider, officer):
    services.set_follow(question, lead, on=True)
    follow = Follow.objects.get(question=question, person=lead)

    assert follow.can_view(lead)
    assert list(Follow.objects.visible_to(lead)) == [follow]
    for person in (member, outsider, officer):
        assert not follow.can_view(person)
        assert not Follow.objects.visible_to(person).filter(pk=follow.pk).exists()
    assert not Follow.objects.visible_to(None).exists()


def test_a_hidden_question_hides_its_follows(question, member, officer):
    follow = Follow.objects.get(question=question, person=member)
    moderation.hide(question, by=officer, reason="Off topic.")
    follow.question.refresh_from_db()

    assert not follow.can_view(member)
    assert not Follow.objects.visible_to(member).exists()


def test_answers_on_a_hidden_question_are_not_live(question, member, outsider, officer):
    answer = services.post_answer(question, author=outsider, body="We use a closed group.")
    assert list(Answer.objects.live()) == [answer]

    moderation.hide(question, by=officer, reason="Off topic.")

    assert not Answer.objects.live().exists()
    assert not Answer.objects.visible_to(member).exists()


def test_deleting_a_question_says_its_answers_go_too(client_for, question, member):
    page = client_for(member).get(f"/questions/{question.pk}/delete/").content.decode()

    assert "Delete this question?" in page
    assert "Its answers go with it." in page
    assert escape(question.title) in page
