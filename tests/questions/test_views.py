"""Question pages: who may do what, forms, filters, and flat query counts."""

from django.core import mail

import pytest

from hub.people.factories import UserFactory
from hub.questions import services
from hub.questions.factories import AnswerFactory, QuestionFactory
from hub.questions.models import Answer, Question
from hub.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_visitors_sign_in_and_waiting_people_are_told(question, client_for):
    waiting = UserFactory(is_approved=False)
    for url in ["/questions/", question.get_absolute_url(), "/questions/ask/"]:
        assert client_for(None).get(url).status_code == 302
        assert client_for(waiting).get(url).status_code == 403


def test_ask_with_errors_then_success(client_for, lead, django_capture_on_commit_callbacks):
    client = client_for(lead)
    theme = ThemeFactory(name="Digital safeguarding")
    response = client.post("/questions/ask/", {"title": "", "body": "Some detail"})
    assert response.status_code == 400
    assert b"There is a problem" in response.content and b"Some detail" in response.content
    response = client.post(
        "/questions/ask/", {"title": "Mention test", "body": "@[Ghost](99999) help"}
    )
    assert response.status_code == 400 and b"only mention members" in response.content
    response = client.post(
        "/questions/ask/",
        {
            "title": "How do you co-produce a survey?",
            "body": "With *parents*.",
            "themes": [theme.pk],
        },
    )
    question = Question.objects.get(title="How do you co-produce a survey?")
    assert response.status_code == 302 and response.url == question.get_absolute_url()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "<em>parents</em>" in page and "Stop following" in page
    assert "(edited)" not in page


def test_answer_accept_and_refusals(question, member, lead, outsider, officer, client_for):
    response = client_for(lead).post(
        f"/questions/{question.pk}/answer/", {"body": "Two admins at all times."}
    )
    answer = Answer.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#answer-{answer.pk}")
    for person in (lead, outsider):
        assert client_for(person).post(f"/questions/answers/{answer.pk}/accept/").status_code == 403
    question.refresh_from_db()
    assert question.accepted_answer is None
    client_for(member).post(f"/questions/answers/{answer.pk}/accept/")
    question.refresh_from_db()
    assert question.accepted_answer == answer
    assert client_for(outsider).post(f"/questions/{question.pk}/unaccept/").status_code == 403
    client_for(officer).post(f"/questions/{question.pk}/unaccept/")
    question.refresh_from_db()
    assert question.accepted_answer is None
    empty = client_for(lead).post(f"/questions/{question.pk}/answer/", {"body": ""})
    assert empty.status_code == 400 and b"There is a problem" in empty.content


def test_edit_delete_and_history_refusals(question, member, lead, officer, facilitator, client_for):
    answer = services.post_answer(question, author=lead, body="First go")
    for person in (lead, officer):
        assert client_for(person).get(f"/questions/{question.pk}/edit/").status_code == 403
        assert client_for(person).post(f"/questions/{question.pk}/delete/").status_code == 403
    for person in (member, officer):
        assert client_for(person).get(f"/questions/answers/{answer.pk}/edit/").status_code == 403
    client_for(lead).post(f"/questions/answers/{answer.pk}/edit/", {"body": "Second go"})
    client_for(member).post(
        f"/questions/{question.pk}/edit/", {"title": "Better title", "body": "More detail"}
    )
    for person in (member, lead, facilitator):
        assert client_for(person).get(f"/questions/{question.pk}/history/").status_code == 403
    history = client_for(officer).get(f"/questions/{question.pk}/history/").content.decode()
    assert "First go" in history and "WhatsApp groups" in history
    client_for(member).post(f"/questions/{question.pk}/delete/")
    assert not Question.objects.exists()


def test_follow_and_have_this_too(question, lead, client_for):
    client = client_for(lead)
    client.post(f"/questions/{question.pk}/have-this-too/", {"on": "1"})
    client.post(f"/questions/{question.pk}/have-this-too/", {"on": "1"})
    client.post(f"/questions/{question.pk}/follow/", {"on": "1"})
    page = client.get(question.get_absolute_url()).content.decode()
    assert "1 person has it too" in page and "Stop following" in page
    client.post(f"/questions/{question.pk}/follow/", {"on": "0"})
    assert not question.follows.filter(person=lead).exists()


def test_list_filters(member, lead, client_for):
    theme = ThemeFactory(name="Evaluation")
    open_question = QuestionFactory(title="Open one", author=member)
    open_question.themes.add(theme)
    solved = QuestionFactory(title="Solved one", author=member)
    solved.accepted_answer = AnswerFactory(question=solved, author=lead)
    solved.save()
    answered = QuestionFactory(title="Answered one", author=member)
    AnswerFactory(question=answered, author=lead)
    client = client_for(lead)

    def titles(query):
        page = client.get(f"/questions/?{query}").content.decode()
        return {t for t in ("Open one", "Solved one", "Answered one") if t in page}

    assert titles("") == {"Open one", "Solved one", "Answered one"}
    assert titles("show=unanswered") == {"Open one"}
    assert titles("show=solved") == {"Solved one"}
    assert titles(f"theme={theme.slug}") == {"Open one"}
    open_question.body = "Our parents asked about a lending library"
    open_question.save()
    assert titles("q=lending+library") == {"Open one"}
    assert titles("q=lending+library&show=solved") == set()


def test_the_old_question_emails_page_leads_to_the_notification_choices(member, client_for):
    client = client_for(member)
    response = client.get("/questions/emails/", follow=True)
    assert response.redirect_chain[-1][0] == "/notifications/choices/"
    text = response.content.decode()
    assert "Answers to my questions and to questions I follow" in text
    assert "Someone mentions me" in text
    assert mail.outbox == []


def _make_questions(count, author, answerer, theme):
    for _ in range(count):
        question = QuestionFactory(author=author)
        question.themes.add(theme)
        question.accepted_answer = AnswerFactory(question=question, author=answerer)
        question.save()


def test_list_query_count_is_flat(member, lead, client_for, django_assert_max_num_queries):
    theme = ThemeFactory()
    client = client_for(lead)
    _make_questions(3, member, lead, theme)
    client.get("/questions/")  # warm the session and content types
    with django_assert_max_num_queries(12) as small:
        client.get("/questions/")
    _make_questions(27, member, lead, theme)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get("/questions/")
    assert response.context["page_obj"].paginator.count == 30
    assert len(large.captured_queries) == len(small.captured_queries)


def test_question_page_query_count_is_flat(member, lead, client_for, django_assert_max_num_queries):
    question = QuestionFactory(author=member)
    client = client_for(lead)
    AnswerFactory.create_batch(2, question=question, author=member)
    client.get(question.get_absolute_url())
    with django_assert_max_num_queries(30) as small:
        client.get(question.get_absolute_url())
    AnswerFactory.create_batch(20, question=question, author=lead)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(question.get_absolute_url())


def test_the_list_counts_answers_for_the_page_shown_not_the_whole_table(member, lead, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme = ThemeFactory()
    _make_questions(25, member, lead, theme)
    client = client_for(lead)
    client.get("/questions/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/questions/")
    page = response.context["page_obj"]
    assert page.paginator.count == 25
    assert len(page.object_list) == 20
    sql = [q["sql"] for q in captured.captured_queries if '"questions_question"' in q["sql"]]
    # The paginator's count reads questions only; the page's query counts answers per row
    # shown (a correlated subquery), with no GROUP BY over every question and answer.
    counts = [q for q in sql if "COUNT(" in q.upper() and "LIMIT" not in q.upper()]
    assert counts, sql
    assert all('"questions_answer"' not in q for q in counts)
    listing = [q for q in sql if "LIMIT 20" in q and '"questions_answer"' in q]
    assert listing
    assert all('GROUP BY "questions_question"' not in q for q in listing)
    answered = [q for q in page.object_list if q.answer_count]
    assert answered, "the answer counts are still shown"
