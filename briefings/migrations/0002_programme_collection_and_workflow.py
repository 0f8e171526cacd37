"""A "Programme only" document collection (members only), and officer approval for pages.

Documents on programme-only briefings go in the collection: Wagtail's document view refuses
visitors (a login restriction) and briefings' before_serve_document hook refuses people not
yet approved. The workflow makes a facilitator's page submissions wait for an officer.
"""

from django.db import migrations

from wagtail.models import Collection as RealCollection

COLLECTION_NAME = "Programme only"
WORKFLOW_NAME = "Programme officers approve"
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    HubHomePage = apps.get_model("core", "HubHomePage")

    officers = Group.objects.filter(name="Programme officers").first()
    facilitators = Group.objects.filter(name="Facilitators").first()

    # The collection, as a child of the root collection (treebeard paths by hand).
    root = Collection.objects.filter(depth=1).first()
    collection = Collection.objects.filter(name=COLLECTION_NAME).first()
    if root is not None and collection is None:
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = RealCollection.steplen
        number = int(last.path[-step:], 36) + 1 if last else 1
        collection = Collection.objects.create(
            name=COLLECTION_NAME,
            path=root.path + _encode(number, step),
            depth=2,
            numchild=0,
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    if collection is not None:
        CollectionViewRestriction.objects.get_or_create(
            collection=collection, restriction_type="login"
        )
        for group in filter(None, [officers, facilitators]):
            for codename in DOCUMENT_PERMISSIONS:
                permission = Permission.objects.filter(
                    content_type__app_label="wagtaildocs", codename=codename
                ).first()
                if permission:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=collection, permission=permission
                    )

    # Officers approve what facilitators submit, across the whole site under the home page.
    home = HubHomePage.objects.first()
    if officers is None or home is None:
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW_NAME, content_type=task_type, active=True
        )
        task.groups.set([officers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


def _encode(number, steplen):
    # Treebeard's base-36 path step, e.g. 2 -> "0002".
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out.rjust(steplen, "0")


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0001_initial"),
        ("core", "0002_home_page_as_site_root"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
