"""Responses to briefings' prompts and comments on drafts: a person's data, kept as a former
member's or removed."""

from briefings.models import BriefingResponse, DraftComment
from hub.core import data_rights


def export(person):
    return {
        "responses": data_rights.rows(
            BriefingResponse.objects.filter(author=person),
            "prompt_text",
            "text",
            "created_at",
            briefing="page__title",
        ),
        # Comments on drafts shared for comment with them.
        "draft_comments": data_rights.rows(
            DraftComment.objects.filter(author=person),
            "body",
            "created_at",
            briefing="share__page__title",
        ),
    }


def close(person, *, keep, by):
    if not keep:
        BriefingResponse.objects.filter(author=person).delete()
        DraftComment.objects.filter(author=person).delete()


data_rights.register("briefings", export=export, close=close)
