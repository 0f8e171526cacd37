""" "Thanks" on answers, responses and notes: counted, shown to the author, once a person."""

from django.db import IntegrityError, transaction
from django.test import Client

import pytest

from hub.core import thanks
from hub.core.models import Thanks
from hub.library.factories import NoteFactory, ResourceFactory
from hub.moderation import services as moderation
from hub.questions.factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer(member, lead):
    return AnswerFactory(question=QuestionFactory(author=lead), author=member, body="Try a rota.")


def _url(target):
    return f"/thanks/{thanks.kind_of(target)}/{target.pk}/"


def test_a_member_thanks_an_answer_once_and_can_take_it_back(client_for, answer, lead):
    client = client_for(lead)
    page = client.get(answer.question.get_absolute_url()).content.decode()
    assert 'Say thanks<span class="visually-hidden"> for this answer' in page
    response = client.post(_url(answer), {"next": answer.question.get_absolute_url()})
    assert response["Location"] == answer.question.get_absolute_url()
    page = client.get(answer.question.get_absolute_url()).content.decode()
    assert 'aria-pressed="true">Thanked' in page and "1 thank<" in page
    client.post(_url(answer))
    assert not Thanks.objects.exists()


def test_the_author_sees_how_many_people_thanked_them(client_for, answer, lead, outsider):
    client_for(lead).post(_url(answer))
    client_for(outsider).post(_url(answer))
    client = client_for(answer.author)
    page = client.get(answer.question.get_absolute_url()).content.decode()
    assert "2 people thanked you for this." in page
    assert "Say thanks" not in page
    client.post(_url(answer))  # thanking yourself does nothing
    assert Thanks.objects.count() == 2


def test_one_thanks_per_person_is_kept_by_the_database(answer, lead):
    thanks.toggle(lead, answer)
    row = Thanks.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Thanks.objects.create(person=lead, content_type=row.content_type, object_id=row.object_id)


def test_thanks_needs_a_post_with_csrf_and_a_member(answer, lead):
    assert Client().post(_url(answer)).status_code == 302  # a visitor is sent to sign in
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    assert client.get(_url(answer)).status_code == 405
    assert client.post(_url(answer)).status_code == 403  # no CSRF token
    assert not Thanks.objects.exists()


def test_hidden_or_unknown_things_cannot_be_thanked(client_for, answer, lead, officer):
    moderation.hide(answer, by=officer, reason="Off topic.")
    client = client_for(lead)
    assert client.post(_url(answer)).status_code == 404
    assert client.post(f"/thanks/people.user/{lead.pk}/").status_code == 404
    assert client.post("/thanks/nothing/1/").status_code == 404
    assert not Thanks.objects.exists()


def test_notes_in_the_library_can_be_thanked(client_for, member, lead):
    note = NoteFactory(resource=ResourceFactory(), author=member)
    client_for(lead).post(_url(note))
    page = client_for(member).get(note.resource.get_absolute_url()).content.decode()
    assert "1 person thanked you for this." in page


def test_who_thanked_is_seen_by_the_giver_and_the_author_only(answer, lead, outsider):
    thanks.toggle(lead, answer)
    row = Thanks.objects.get()
    for person, sees in ((lead, True), (answer.author, True), (outsider, False)):
        assert row.can_view(person) is sees
        assert Thanks.objects.visible_to(person).filter(pk=row.pk).exists() is sees


def test_thanks_on_a_question_page_cost_the_same_queries_at_ten_times(
    client_for, answer, lead, assert_flat_queries
):
    from hub.people.factories import UserFactory

    question = answer.question
    client = client_for(lead)

    def grow(n):
        for _ in range(n):
            other = AnswerFactory(question=question, author=UserFactory())
            thanks.toggle(answer.author, other)

    def run():
        assert client.get(question.get_absolute_url()).status_code == 200

    assert_flat_queries(run, grow)


def test_partnership_replies_can_be_thanked_by_the_partnerships_people_only(
    client_for, member, lead, outsider, partnership
):
    from hub.partnerships import services as partnership_services

    thread = partnership_services.post_thread(
        partnership, author=lead, title="Saturday cover", body="Anyone free?"
    )
    reply = partnership_services.post_reply(thread, author=member, body="I can do it.")
    page = client_for(lead).get(thread.get_absolute_url()).content.decode()
    assert 'Say thanks<span class="visually-hidden"> for this reply' in page
    client_for(lead).post(_url(reply))
    assert client_for(outsider).post(_url(reply)).status_code in (403, 404)
    page = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert "1 person thanked you for this." in page
    assert Thanks.objects.count() == 1
