"""Briefings' migrations 0001-0003 in one (replaces them, so a database migrated before moves on).

Data steps kept for a fresh database: the programme-only collection, its document permissions
and the officers' approval workflow (from 0002)."""


import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models
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

    replaces = [('briefings', '0001_initial'), ('briefings', '0002_programme_collection_and_workflow'), ('briefings', '0003_response_moderation')]

    initial = True

    dependencies = [
        ('core', '0001_squashed_0003_outbox'),
        ('people', '0002_programme_groups'),
        ('themes', '0001_initial'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        ('wagtailimages', '0027_image_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='BriefingIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                ('introduction', wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                'verbose_name': 'briefing index',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='BriefingPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                ('series_number', models.PositiveIntegerField(help_text='Its place in the series: "Thematic briefing 3".')),
                ('summary', models.TextField(help_text='Two or three plain sentences.', max_length=600)),
                ('publication_date', models.DateField(default=django.utils.timezone.localdate)),
                ('author_credit', models.CharField(blank=True, default='The learning team', help_text='Shown as the author, e.g. "The learning team" (with any people chosen).', max_length=200)),
                ('audience', models.CharField(choices=[('public', 'Everyone (public)'), ('programme', 'The programme only (signed-in members)')], default='public', help_text='Programme-only briefings are hidden from visitors everywhere in the hub.', max_length=20)),
                ('body', wagtail.fields.StreamField([('heading', 0), ('paragraph', 1), ('voice', 7), ('commentary_narrative', 10), ('reflection_prompts', 14), ('key_lessons', 18), ('callout', 21), ('image', 25), ('video', 29), ('document', 33), ('related_link', 37)], block_lookup={0: ('briefings.blocks.HeadingBlock', (), {}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul', 'h3', 'document-link'], 'template': 'briefings/blocks/paragraph.html'}), 2: ('wagtail.blocks.TextBlock', (), {'help_text': "The person's words, as they said them."}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': 'How they are described, e.g. "parent" or "senior leader".', 'max_length': 80}), 4: ('wagtail.blocks.CharBlock', (), {'help_text': 'Optional: the partnership they belong to.', 'max_length': 120, 'required': False}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Leave empty unless the person agreed to be named.', 'max_length': 80, 'required': False}), 6: ('wagtail.blocks.BooleanBlock', (), {'help_text': 'Needed to show a name.', 'label': 'The person agreed to be named', 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('quote', 2), ('role', 3), ('partnership', 4), ('name', 5), ('consent_to_name', 6)]], {}), 8: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul', 'h3', 'document-link'], 'help_text': 'Making sense.'}), 9: ('wagtail.blocks.ListBlock', (7,), {'help_text': "The people's own words.", 'min_num': 1}), 10: ('wagtail.blocks.StructBlock', [[('commentary', 8), ('voices', 9)]], {}), 11: ('wagtail.blocks.CharBlock', (), {'default': 'Questions to reflect on', 'max_length': 120}), 12: ('wagtail.blocks.CharBlock', (), {'max_length': 300}), 13: ('wagtail.blocks.ListBlock', (12,), {'min_num': 1}), 14: ('wagtail.blocks.StructBlock', [[('heading', 11), ('prompts', 13)]], {}), 15: ('wagtail.blocks.CharBlock', (), {'default': 'Key lessons', 'max_length': 120}), 16: ('wagtail.blocks.TextBlock', (), {}), 17: ('wagtail.blocks.ListBlock', (16,), {'min_num': 1}), 18: ('wagtail.blocks.StructBlock', [[('heading', 15), ('lessons', 17)]], {}), 19: ('wagtail.blocks.CharBlock', (), {'max_length': 120, 'required': False}), 20: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link']}), 21: ('wagtail.blocks.StructBlock', [[('title', 19), ('text', 20)]], {}), 22: ('wagtail.images.blocks.ImageChooserBlock', (), {}), 23: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describe what the image shows for someone who cannot see it.', 'max_length': 250}), 24: ('wagtail.blocks.CharBlock', (), {'max_length': 250, 'required': False}), 25: ('wagtail.blocks.StructBlock', [[('image', 22), ('alt_text', 23), ('caption', 24)]], {}), 26: ('wagtail.embeds.blocks.EmbedBlock', (), {'help_text': 'A link to the video, e.g. on YouTube or Vimeo.'}), 27: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describes the video for screen readers.', 'max_length': 150}), 28: ('wagtail.blocks.URLBlock', (), {'help_text': 'Optional: a transcript.', 'required': False}), 29: ('wagtail.blocks.StructBlock', [[('video', 26), ('title', 27), ('transcript_url', 28)]], {}), 30: ('wagtail.documents.blocks.DocumentChooserBlock', (), {}), 31: ('wagtail.blocks.CharBlock', (), {'help_text': 'Defaults to its title.', 'max_length': 150, 'required': False}), 32: ('wagtail.blocks.TextBlock', (), {'required': False}), 33: ('wagtail.blocks.StructBlock', [[('document', 30), ('title', 31), ('description', 32)]], {}), 34: ('wagtail.blocks.PageChooserBlock', (), {'required': False}), 35: ('wagtail.blocks.URLBlock', (), {'help_text': 'Or a web address, if it is not in the hub.', 'required': False}), 36: ('wagtail.blocks.CharBlock', (), {'help_text': 'Defaults to the page title.', 'max_length': 150, 'required': False}), 37: ('wagtail.blocks.StructBlock', [[('page', 34), ('url', 35), ('title', 36), ('description', 32)]], {})})),
                ('reading_minutes', models.PositiveSmallIntegerField(default=1, editable=False)),
                ('authors', modelcluster.fields.ParentalManyToManyField(blank=True, help_text='People from the hub who wrote it.', related_name='briefings_authored', to=settings.AUTH_USER_MODEL)),
                ('hero_image', models.ForeignKey(blank=True, help_text='Optional. Images are never private: nothing confidential here.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                ('themes', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='briefings', to='themes.theme')),
            ],
            options={
                'verbose_name': 'thematic briefing',
                'ordering': ['-publication_date'],
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='BriefingResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('prompt_id', models.CharField(help_text="The prompt's block id.", max_length=64)),
                ('prompt_text', models.CharField(help_text='The prompt as it was answered.', max_length=300)),
                ('text', models.TextField(max_length=5000)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='briefing_responses', to=settings.AUTH_USER_MODEL)),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='briefings.briefingpage')),
                ('partnership', models.ForeignKey(blank=True, help_text='Set when shared with this partnership only.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.partnership')),
            ],
            options={
                'ordering': ['created_at'],
                'indexes': [models.Index(fields=['page', 'prompt_id'], name='briefings_b_page_id_3b4949_idx')],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name='briefingresponse',
            options={'ordering': ['created_at'], 'verbose_name': 'response to a briefing'},
        ),
        migrations.AddField(
            model_name='briefingresponse',
            name='hidden_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='briefingresponse',
            name='hidden_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='briefingresponse',
            name='hidden_reason',
            field=models.TextField(blank=True, editable=False, help_text='Shown to the author when the content is hidden.'),
        ),
    ]
