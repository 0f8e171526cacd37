"""The rules that change briefing data. Views, admin and commands call these."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hub.moderation.services import record_revision
from hub.people import roles

from .models import BriefingIndexPage, BriefingResponse


def ensure_index(title="Thematic briefings"):
    """The briefing index under the home page (slug "briefings"), created once."""
    from hub.core.models import HubHomePage

    index = BriefingIndexPage.objects.first()
    if index is not None:
        return index
    home = HubHomePage.objects.first()
    index = BriefingIndexPage(
        title=title,
        slug="briefings",
        introduction="<p>Short publications on what the partnerships are learning, "
        "in their own words.</p>",
    )
    with transaction.atomic():
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def respond(person, page, prompt_id, text, partnership=None):
    """A member responds to one of a briefing's prompts (optionally for one partnership)."""
    if not roles.is_member(person) or not page.can_view(person):
        raise PermissionDenied("Only programme members can respond.")
    prompts = dict(page.prompts)
    if prompt_id not in prompts:
        raise PermissionDenied("That prompt is not in this briefing.")
    if partnership is not None and partnership.pk not in roles.partnership_ids_of(person):
        raise PermissionDenied("You can only share with your own partnership.")
    with transaction.atomic():
        return BriefingResponse.objects.create(
            page=page,
            prompt_id=prompt_id,
            prompt_text=prompts[prompt_id][:300],
            author=person,
            partnership=partnership,
            text=text,
        )


def edit_response(person, response, text, partnership=None):
    """The author changes their response's words or who may read it."""
    if not response.can_change(person):
        raise PermissionDenied("Only the author can change a response.")
    if partnership is not None and partnership.pk not in roles.partnership_ids_of(person):
        raise PermissionDenied("You can only share with your own partnership.")
    with transaction.atomic():
        response = BriefingResponse.objects.select_for_update().get(pk=response.pk)
        # Officers can read what was there before, if the edit is ever reported.
        record_revision(response, by=person, fields=["text", "partnership_id"])
        response.text = text
        response.partnership = partnership
        response.save(update_fields=["text", "partnership", "updated_at"])
    return response


def delete_response(person, response):
    """The author takes their response down."""
    if not response.can_change(person):
        raise PermissionDenied("Only the author can delete a response.")
    with transaction.atomic():
        response.delete()


def topic_ideas_available():
    """True once the events app can store topic ideas."""
    try:
        from events.services import propose_topic_idea  # noqa: F401
    except ImportError:
        return False
    return True


def propose_topic(person, page, title, description=""):
    """Turn a briefing's prompt into a topic idea for a future huddle or webinar."""
    from events.services import propose_topic_idea

    if not page.can_view(person):
        raise PermissionDenied("You cannot see this briefing.")
    return propose_topic_idea(
        person,
        title,
        description=description,
        origin_page=page,
        themes=list(page.themes.all()),
    )


def start_draft_from_harvest(title, theme, items, by):
    """Start a draft briefing from the harvest: ``items`` each give the block they become
    (``item.stream_block()``: a voice with its quote and role, or a paragraph). The draft is
    saved, never published; the editor carries on in the Wagtail admin."""
    from django.db.models import Max
    from django.utils import timezone

    from hub.core.services import ServiceError

    from .models import BriefingPage

    if not roles.is_programme_team(by):
        raise PermissionDenied("Only the learning team and officers can start a briefing.")
    title = (title or "").strip()
    if not title:
        raise ServiceError("Give the draft briefing a title.", field="title")
    items = list(items)
    if not items:
        raise ServiceError("Choose at least one thing to start the briefing with.", field="items")
    index = ensure_index()
    with transaction.atomic():
        number = (BriefingPage.objects.aggregate(top=Max("series_number"))["top"] or 0) + 1
        page = BriefingPage(
            title=title[:255],
            series_number=number,
            summary="A draft started from the harvest: say in two or three plain sentences "
            "what it is about.",
            publication_date=timezone.localdate(),
            body=[("heading", "What we heard")] + [item.stream_block() for item in items],
            live=False,
            owner=by,
        )
        index.add_child(instance=page)
        if theme is not None:
            page.themes.set([theme])
        page.save_revision(user=by)
    return page
