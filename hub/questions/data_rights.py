"""What questions hold about a person, and what closing their account does to it."""

from hub.core import data_rights
from hub.core.data_rights import Table
from hub.questions.models import (
    Answer,
    AnswerNotice,
    Follow,
    HaveThisToo,
    Question,
)


def close(person, *, keep, by):
    """Removing: their questions go unless someone else has answered (those stay as a former
    member's, so others' answers keep their question)."""
    if not keep:
        answered = Answer.objects.exclude(author=person).values("question")
        Question.objects.filter(author=person).exclude(pk__in=answered).delete()


data_rights.register(
    "questions",
    tables=[
        Table("questions", Question, "author", "title body created_at"),
        Table("answers", Answer, "author", "body created_at", question="question__title"),
        Table("follows", Follow, "person", "created_at", question="question__title"),
        Table("have_this_too", HaveThisToo, "person", "created_at", question="question__title"),
    ],
    remove=[
        (Follow, "person"),
        (HaveThisToo, "person"),
        (AnswerNotice, "follower"),
    ],
    remove_unless_kept=[(Answer, "author")],
    close=close,
)
