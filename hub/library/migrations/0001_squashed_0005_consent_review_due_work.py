"""The library's migrations 0001-0005 in one (replaces them, so a database migrated before moves on).

Data steps kept for a fresh database: the officers' library permissions (0002) and, on
PostgreSQL, the full-text index on title and body (0003). Dropped: 0005's RunPython, which
made a ConsentReview row for each existing consent's review date; a fresh database has none."""


import django.db.models.deletion
import django.utils.timezone
import hub.core.private_files.storage
import hub.library.models
import modelsearch.index
from django.conf import settings
from django.db import migrations, models
from django.contrib.auth.management import create_permissions


PERMISSIONS = [
    "view_resource",
    "change_resource",
    "delete_resource",
    "view_note",
    "change_note",
    "delete_note",
    "view_storyconsent",
    "change_storyconsent",
    "view_resourcerevision",
]


def grant(apps, schema_editor):
    # Permissions are normally made after migrations; make the library's now.
    app_config = apps.get_app_config("library")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Programme officers")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="library", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Programme officers"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="library", codename__in=PERMISSIONS)
        )


INDEX = "library_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    replaces = [('library', '0001_initial'), ('library', '0002_officer_permissions'), ('library', '0003_search_index_title_body'), ('library', '0004_consent_review_reminder'), ('library', '0005_consent_review_due_work')]

    initial = True

    dependencies = [
        ('people', '0002_programme_groups'),
        ('themes', '0001_initial'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        ('wagtailsearch', '0010_add_text_fields'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Note',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hidden_at', models.DateTimeField(blank=True, db_index=True, editable=False, null=True)),
                ('hidden_reason', models.TextField(blank=True, editable=False, help_text='Shown to the author when the content is hidden.')),
                ('body', models.TextField(max_length=2000, verbose_name='what we learned using it')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='library_notes', to=settings.AUTH_USER_MODEL)),
                ('hidden_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='NoteRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('edited_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('body', models.TextField()),
                ('edited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('note', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='library.note')),
            ],
            options={
                'ordering': ['-edited_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Resource',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hidden_at', models.DateTimeField(blank=True, db_index=True, editable=False, null=True)),
                ('hidden_reason', models.TextField(blank=True, editable=False, help_text='Shown to the author when the content is hidden.')),
                ('kind', models.CharField(choices=[('file', 'A file'), ('link', 'A link'), ('video', 'A video')], max_length=10, verbose_name='what you are sharing')),
                ('resource_type', models.CharField(choices=[('guide', 'Guide'), ('tool', 'Tool'), ('template', 'Template'), ('evaluation', 'Evaluation report'), ('research', 'Research'), ('story', 'Story'), ('recording', 'Recording')], max_length=12, verbose_name='type')),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField(help_text='What it is, who made it and when it helps.', max_length=3000)),
                ('url', models.URLField(blank=True, max_length=500, verbose_name='link')),
                ('file', models.FileField(blank=True, max_length=255, storage=hub.core.private_files.storage.private_storage, upload_to=hub.library.models.resource_upload_path)),
                ('file_name', models.CharField(blank=True, editable=False, max_length=120)),
                ('file_size', models.PositiveBigIntegerField(default=0, editable=False)),
                ('content_type', models.CharField(blank=True, editable=False, max_length=120)),
                ('visibility', models.CharField(choices=[('public', 'Anyone, including visitors'), ('programme', 'Members of the programme'), ('partnership', 'Our partnership only')], default='programme', max_length=12, verbose_name='who can see it')),
                ('public_use_consented', models.BooleanField(default=False, editable=False)),
                ('withdrawn_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('useful_count', models.PositiveIntegerField(default=0, editable=False)),
                ('note_count', models.PositiveIntegerField(default=0, editable=False)),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='library_resources', to='wagtailcore.page')),
                ('hidden_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnership', models.ForeignKey(blank=True, help_text='The partnership sharing it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='resources', to='people.partnership')),
                ('shared_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='shared_resources', to=settings.AUTH_USER_MODEL)),
                ('themes', models.ManyToManyField(blank=True, related_name='resources', to='themes.theme')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddField(
            model_name='note',
            name='resource',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='library.resource'),
        ),
        migrations.CreateModel(
            name='ResourceRevision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('edited_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField()),
                ('edited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('resource', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='library.resource')),
            ],
            options={
                'ordering': ['-edited_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='StoryConsent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('consented_by', models.CharField(help_text="The teller's name, or how you know them if they are not on the hub.", max_length=150, verbose_name='who consented')),
                ('use', models.CharField(choices=[('programme', 'Within the programme only'), ('public', 'Public, including visitors')], default='programme', max_length=10, verbose_name='consented use')),
                ('anonymised', models.BooleanField(default=True, help_text='Leave ticked unless agreed.', verbose_name='names and places are anonymised')),
                ('review_date', models.DateField(help_text='When to check the consent still stands.')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('resource', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='consent', to='library.resource')),
                ('teller', models.ForeignKey(blank=True, help_text='If the teller is on the hub, they can withdraw the story themselves.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='told_stories', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'story consent',
            },
        ),
        migrations.CreateModel(
            name='UsefulMark',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='useful_marks', to=settings.AUTH_USER_MODEL)),
                ('resource', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='useful_marks', to='library.resource')),
            ],
        ),
        migrations.AddIndex(
            model_name='resource',
            index=models.Index(fields=['-useful_count', '-created_at'], name='library_most_useful'),
        ),
        migrations.AddConstraint(
            model_name='resource',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('resource_type', 'story'), ('visibility', 'public'), _negated=True), ('public_use_consented', True), _connector='OR'), name='public_story_needs_public_consent'),
        ),
        migrations.AddConstraint(
            model_name='resource',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'file'), _negated=True), models.Q(('file', ''), _negated=True), _connector='OR'), name='file_resource_has_a_file'),
        ),
        migrations.AddConstraint(
            model_name='resource',
            constraint=models.CheckConstraint(condition=models.Q(('kind', 'file'), models.Q(('url', ''), _negated=True), _connector='OR'), name='link_resource_has_a_url'),
        ),
        migrations.AddConstraint(
            model_name='usefulmark',
            constraint=models.UniqueConstraint(fields=('resource', 'person'), name='one_useful_mark_each'),
        ),
        migrations.RunPython(grant, revoke),
        migrations.RunPython(create_index, drop_index),
        migrations.AddField(
            model_name='storyconsent',
            name='reminded_for',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name='ConsentReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='due')),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('claim_token', models.UUIDField(blank=True, editable=False, null=True)),
                ('done_at', models.DateTimeField(blank=True, null=True, verbose_name='done')),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('error', models.TextField(blank=True)),
                ('review_date', models.DateField()),
                ('consent', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='library.storyconsent')),
            ],
            options={
                'verbose_name': 'consent review',
                'abstract': False,
                'indexes': [models.Index(fields=['done_at', 'due_at'], name='library_consentreview_due'), models.Index(fields=['claim_token'], name='library_consentreview_tok')],
                'constraints': [models.UniqueConstraint(fields=('consent', 'review_date'), name='one_consent_review_per_date')],
            },
        ),
        migrations.RemoveField(
            model_name='storyconsent',
            name='reminded_for',
        ),
    ]
