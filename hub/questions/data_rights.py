"""What questions hold about a person, and what closing their account does to it: removing,
their answers go, and their questions unless someone else has answered (those stay as a
former member's, so others' answers keep their question)."""

from hub.core import data_rights
from hub.core.data_rights import Started, Table
from hub.questions.models import Answer, AnswerNotice, Follow, HaveThisToo, Question

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
    started=[Started(Question, "author", replies=Answer, to="question")],
)
