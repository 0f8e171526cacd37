"""Responses to briefings' prompts and comments on drafts: a person's data, kept as a former
member's or removed."""

from briefings.models import BriefingResponse, DraftComment
from hub.core import data_rights
from hub.core.data_rights import Table

data_rights.register(
    "briefings",
    tables=[
        Table(
            "responses",
            BriefingResponse,
            "author",
            "prompt_text text created_at",
            briefing="page__title",
        ),
        # Comments on drafts shared for comment with them.
        Table(
            "draft_comments",
            DraftComment,
            "author",
            "body created_at",
            briefing="share__page__title",
        ),
    ],
    remove_unless_kept=[(BriefingResponse, "author"), (DraftComment, "author")],
)
