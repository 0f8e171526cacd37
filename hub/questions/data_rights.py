"""What questions hold about a person, and what closing their account does to it."""

from hub.core import data_rights
from hub.questions.models import (
    Answer,
    AnswerNotice,
    Follow,
    HaveThisToo,
    Question,
)


def export(person):
    return {
        "questions": data_rights.rows(
            Question.objects.filter(author=person), "title", "body", "created_at"
        ),
        "answers": data_rights.rows(
            Answer.objects.filter(author=person), "body", "created_at", question="question__title"
        ),
        "follows": data_rights.rows(
            Follow.objects.filter(person=person), "created_at", question="question__title"
        ),
        "have_this_too": data_rights.rows(
            HaveThisToo.objects.filter(person=person), "created_at", question="question__title"
        ),
    }


def close(person, *, keep, by):
    """Removing: their answers go, and their questions unless someone else has answered
    (those stay as a former member's, so others' answers keep their question)."""
    Follow.objects.filter(person=person).delete()
    HaveThisToo.objects.filter(person=person).delete()
    AnswerNotice.objects.filter(follower=person).delete()
    if not keep:
        Answer.objects.filter(author=person).delete()
        answered = Answer.objects.exclude(author=person).values("question")
        Question.objects.filter(author=person).exclude(pk__in=answered).delete()


data_rights.register("questions", export=export, close=close)
