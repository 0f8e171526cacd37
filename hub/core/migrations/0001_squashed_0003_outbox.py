"""The core's migrations 0001-0003 in one (replaces them, so a database migrated before moves on).

Data step kept for a fresh database: the home page as the site's root, with the officers' and
facilitators' page permissions (0002)."""


import django.db.models.deletion
import django.utils.timezone
import wagtail.fields
from django.db import migrations, models


OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


FACILITATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HubHomePage = apps.get_model("core", "HubHomePage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    # Wagtail's first migration made a placeholder "Welcome" page at depth 2: replace it.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home_type, _ = ContentType.objects.get_or_create(model="hubhomepage", app_label="core")
    Locale = apps.get_model("wagtailcore", "Locale")
    root = Page.objects.get(depth=1)
    locale = root.locale
    home = HubHomePage.objects.create(
        title="Welcome to the hub",
        draft_title="Welcome to the hub",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=locale,
        introduction="<p>Where the programme's partnerships share what they are learning.</p>",
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "The hub"},
    )
    for name, codenames in [
        ("Programme officers", OFFICER_PAGE_PERMISSIONS),
        ("Facilitators", FACILITATOR_PAGE_PERMISSIONS),
    ]:
        group = Group.objects.get(name=name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


class Migration(migrations.Migration):

    replaces = [('core', '0001_initial'), ('core', '0002_home_page_as_site_root'), ('core', '0003_outbox')]

    initial = True

    dependencies = [
        ('people', '0002_programme_groups'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='HubHomePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                ('introduction', wagtail.fields.RichTextField(blank=True, help_text='A short, warm welcome.')),
            ],
            options={
                'verbose_name': 'home page',
            },
            bases=('wagtailcore.page',),
        ),
        migrations.RunPython(create_home, migrations.RunPython.noop),
        migrations.CreateModel(
            name='OutgoingEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='due')),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('claim_token', models.UUIDField(blank=True, editable=False, null=True)),
                ('done_at', models.DateTimeField(blank=True, null=True, verbose_name='done')),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('error', models.TextField(blank=True)),
                ('message_id', models.CharField(editable=False, max_length=255, unique=True)),
                ('to', models.JSONField(default=list)),
                ('subject', models.TextField()),
                ('text', models.TextField()),
                ('html', models.TextField(blank=True)),
                ('headers', models.JSONField(blank=True, default=dict)),
                ('attachments', models.JSONField(blank=True, default=list)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'outgoing email',
                'ordering': ['due_at', 'pk'],
                'abstract': False,
                'indexes': [models.Index(fields=['done_at', 'due_at'], name='core_outgoingemail_due'), models.Index(fields=['claim_token'], name='core_outgoingemail_tok')],
            },
        ),
    ]
