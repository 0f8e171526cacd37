"""What the library holds about a person, and what closing their account does to it."""

from hub.core import data_rights
from hub.library.models import Note, Resource, StoryConsent, UsefulMark


def export(person):
    return {
        "resources": data_rights.rows(
            Resource.objects.filter(shared_by=person),
            "title",
            "description",
            "url",
            "file_name",
            "visibility",
            "created_at",
            "withdrawn_at",
        ),
        "notes": data_rights.rows(
            Note.objects.filter(author=person), "body", "created_at", resource="resource__title"
        ),
        "useful_marks": data_rights.rows(
            UsefulMark.objects.filter(person=person), "created_at", resource="resource__title"
        ),
        "story_consents": data_rights.rows(
            StoryConsent.objects.filter(teller=person),
            "use",
            "anonymised",
            "review_date",
            "recorded_at",
            resource="resource__title",
        ),
    }


def close(person, *, keep, by):
    """Consent records stay, as the law requires, without the teller's name."""
    StoryConsent.objects.filter(teller=person).update(
        teller=None, consented_by="a former member", anonymised=True
    )
    UsefulMark.objects.filter(person=person).delete()
    if not keep:
        Note.objects.filter(author=person).delete()
        for resource in Resource.objects.filter(shared_by=person):
            if resource.file:
                resource.file.delete(save=False)
            resource.delete()


data_rights.register("library", export=export, close=close)
