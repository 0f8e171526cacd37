"""What the library holds about a person, and what closing their account does to it."""

from hub.core import data_rights
from hub.core.data_rights import Table
from hub.library.models import Note, Resource, StoryConsent, UsefulMark


def close(person, *, keep, by):
    """Consent records stay, as the law requires, without the teller's name."""
    StoryConsent.objects.filter(teller=person).update(
        teller=None, consented_by="a former member", anonymised=True
    )
    if not keep:
        for resource in Resource.objects.filter(shared_by=person):
            if resource.file:
                resource.file.delete(save=False)
            resource.delete()


data_rights.register(
    "library",
    tables=[
        Table(
            "resources",
            Resource,
            "shared_by",
            "title description url file_name visibility created_at withdrawn_at",
        ),
        Table("notes", Note, "author", "body created_at", resource="resource__title"),
        Table("useful_marks", UsefulMark, "person", "created_at", resource="resource__title"),
        Table(
            "story_consents",
            StoryConsent,
            "teller",
            "use anonymised review_date recorded_at",
            resource="resource__title",
        ),
    ],
    remove=[(UsefulMark, "person")],
    remove_unless_kept=[(Note, "author")],
    close=close,
)
