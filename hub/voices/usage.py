"""Where each voice is used: the pages whose content points at it, from Wagtail's reference
index (kept up to date whenever a page is saved), so the voices app imports no page model."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, ReferenceIndex

from hub.voices.models import Voice


def pages_using(voice_ids):
    """``{voice id: [page, ...]}`` for the given voices, in two queries whatever their number."""
    voice_ids = [int(pk) for pk in voice_ids]
    if not voice_ids:
        return {}
    rows = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Voice),
        to_object_id__in=[str(pk) for pk in voice_ids],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("to_object_id", "object_id")
    by_voice = {}
    for voice_id, page_id in rows:
        by_voice.setdefault(int(voice_id), set()).add(int(page_id))
    page_ids = set().union(*by_voice.values()) if by_voice else set()
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids).select_related("owner").order_by("title")
    }
    return {
        voice_id: sorted(
            (pages[pk] for pk in ids if pk in pages), key=lambda page: page.title.lower()
        )
        for voice_id, ids in by_voice.items()
    }
