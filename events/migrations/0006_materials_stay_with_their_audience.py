"""Event materials stay with their audience (security review, issue 15).

1. A group-only event's (e.g. a learning set session's) recordings and notes were filed in the
   shared library as programme-wide resources: remove those resources (with their notes and
   useful marks). From now on events never files them (events.services.add_material).
2. Documents attached to event materials sat in the Root collection: move them into the
   restricted "Programme only" collection (made by briefings 0002). Serving any document also
   asks what uses it (hub/core/documents.py), so this is the second lock, not the only one.

The search index keeps no row the library's queries would return (they start from the
resources' table); ``manage.py wagtail_update_index`` tidies its leftover entries.
"""

from django.db import migrations

PRIVATE_COLLECTION = "Programme only"


def forwards(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventMaterial = apps.get_model("events", "EventMaterial")
    Resource = apps.get_model("library", "Resource")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Document = apps.get_model("wagtaildocs", "Document")

    group_only = EventPage.objects.filter(audience="group").values("pk")
    Resource.objects.filter(event_id__in=group_only).delete()

    private = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if private is None:
        return  # the runtime makes it on first use and moves each new document into it
    restricted_paths = [
        path
        for path in Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    ]
    if not restricted_paths:
        return
    document_ids = EventMaterial.objects.exclude(document=None).values("document_id")
    for document in Document.objects.filter(pk__in=document_ids).select_related("collection"):
        if not any(document.collection.path.startswith(path) for path in restricted_paths):
            document.collection = private
            document.save(update_fields=["collection"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_reminder_due_work"),
        ("library", "0005_consent_review_due_work"),
        # Everything that points at a library resource, so deleting one cascades correctly.
        ("questions", "0003_answernotice_due_work"),
        ("briefings", "0002_programme_collection_and_workflow"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
