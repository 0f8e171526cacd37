"""Learning sets' migrations 0001-0002 in one (replaces them, so a database migrated before moves on).

0002's data step moved existing set files from the old root into the hub's one private root;
in a fresh database it finds no files. It is kept because its test shows what it did."""


import django.db.models.deletion
import django.utils.timezone
import hub.core.private_files.storage
import learning_sets.models.access
import learning_sets.models.space
from django.conf import settings
from django.db import migrations, models
import shutil
from pathlib import Path


FOLDER = "learning-sets"


def _roots():
    legacy = Path(
        getattr(
            settings,
            "LEARNING_SET_FILES_ROOT",
            Path(settings.BASE_DIR) / "var" / "learning-set-files",
        )
    )
    private = Path(
        getattr(
            settings,
            "HUB_PRIVATE_MEDIA_ROOT",
            Path(settings.BASE_DIR) / "var" / "private-media",
        )
    )
    return legacy, private


def _move(source, target):
    if source.is_file() and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source), str(target))
    return target.is_file()


def into_private_root(apps, schema_editor):
    SetFile = apps.get_model("learning_sets", "SetFile")
    legacy, private = _roots()
    for pk, name in SetFile.objects.exclude(file__startswith=f"{FOLDER}/").values_list(
        "pk", "file"
    ):
        new_name = f"{FOLDER}/{name}"
        if _move(legacy / name, private / new_name):
            SetFile.objects.filter(pk=pk).update(file=new_name)


def back_to_own_root(apps, schema_editor):
    SetFile = apps.get_model("learning_sets", "SetFile")
    legacy, private = _roots()
    for pk, name in SetFile.objects.filter(file__startswith=f"{FOLDER}/").values_list(
        "pk", "file"
    ):
        old_name = name[len(FOLDER) + 1 :]
        if _move(private / name, legacy / old_name):
            SetFile.objects.filter(pk=pk).update(file=old_name)


class Migration(migrations.Migration):

    replaces = [('learning_sets', '0001_initial'), ('learning_sets', '0002_set_files_in_private_root')]

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('themes', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LearningSet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=150, unique=True)),
                ('slug', models.SlugField(max_length=150, unique=True)),
                ('purpose', models.TextField(help_text='What the set is for, in plain words.', max_length=1500)),
                ('rhythm', models.CharField(help_text='For example: every six weeks on a Tuesday morning, online.', max_length=200, verbose_name='meeting rhythm')),
                ('max_size', models.PositiveSmallIntegerField(default=8, verbose_name='most members')),
                ('status', models.CharField(choices=[('forming', 'Forming'), ('meeting', 'Meeting'), ('closed', 'Closed')], default='forming', max_length=10)),
                ('ground_rules', models.TextField(help_text='What members agree to when they join (confidentiality first).')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('facilitators', models.ManyToManyField(blank=True, related_name='facilitated_sets', to=settings.AUTH_USER_MODEL)),
                ('group', models.OneToOneField(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='learning_set', to='auth.group')),
                ('themes', models.ManyToManyField(blank=True, related_name='learning_sets', to='themes.theme')),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='DiscussionPost',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('body', models.TextField(max_length=5000)),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='learning_sets.learningset')),
            ],
            options={
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='BreakGlassAccess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(max_length=1000)),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField(default=learning_sets.models.access._break_glass_expiry)),
                ('opened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='break_glass', to='learning_sets.learningset')),
            ],
            options={
                'verbose_name_plural': 'break glass accesses',
                'ordering': ['-opened_at'],
            },
        ),
        migrations.CreateModel(
            name='PresentedIssue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('issue', models.TextField(max_length=5000, verbose_name="the issue, in the presenter's words")),
                ('helpful_questions', models.TextField(blank=True, max_length=5000, verbose_name='questions that helped')),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='learning_sets.learningset')),
                ('presenter', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='Action',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('text', models.TextField(max_length=1000, verbose_name='the action')),
                ('status', models.CharField(choices=[('open', 'Open'), ('done', 'Done'), ('changed', 'Changed'), ('dropped', 'Dropped')], default='open', max_length=10)),
                ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='learning_sets.learningset')),
                ('issue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='learning_sets.presentedissue')),
            ],
            options={
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='SetSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('starts_at', models.DateTimeField()),
                ('ends_at', models.DateTimeField()),
                ('joining_link', models.URLField(blank=True)),
                ('event_page_id', models.PositiveIntegerField(blank=True, editable=False, help_text="The events app's page for this session.", null=True)),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='learning_sets.learningset')),
                ('presenters', models.ManyToManyField(blank=True, related_name='set_sessions_presented', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['starts_at'],
            },
        ),
        migrations.AddField(
            model_name='presentedissue',
            name='session',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='issues', to='learning_sets.setsession'),
        ),
        migrations.CreateModel(
            name='ActionReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('outcome', models.CharField(choices=[('done', 'Done'), ('changed', 'Changed'), ('dropped', 'Dropped')], max_length=10)),
                ('note', models.TextField(blank=True, max_length=2000)),
                ('action', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='review', to='learning_sets.action')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='learning_sets.learningset')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='learning_sets.setsession')),
            ],
            options={
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='JoinRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.TextField(blank=True, max_length=1000)),
                ('ground_rules_agreed_at', models.DateTimeField()),
                ('status', models.CharField(choices=[('pending', 'Waiting for a facilitator'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='pending', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='set_join_requests', to=settings.AUTH_USER_MODEL)),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='join_requests', to='learning_sets.learningset')),
            ],
            options={
                'ordering': ['created_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('person', 'learning_set'), name='one_pending_join_request')],
            },
        ),
        migrations.CreateModel(
            name='SetInvitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Waiting for an answer'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='pending', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='learning_sets.learningset')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='set_invitations', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('person', 'learning_set'), name='one_pending_set_invitation')],
            },
        ),
        migrations.CreateModel(
            name='SetMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('joined_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('ground_rules_agreed_at', models.DateTimeField()),
                ('left_at', models.DateTimeField(blank=True, null=True)),
                ('anonymise_on_leave', models.BooleanField(default=False, help_text="Show what they wrote as 'a former member' after they leave.")),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='learning_sets.learningset')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='set_memberships', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['joined_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('left_at__isnull', True)), fields=('person', 'learning_set'), name='one_current_set_membership')],
            },
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('present', models.BooleanField(default=False)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='learning_sets.setsession')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('session', 'person'), name='one_attendance_each')],
            },
        ),
        migrations.CreateModel(
            name='SetFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('title', models.CharField(max_length=200)),
                ('file', models.FileField(max_length=300, storage=hub.core.private_files.storage.private_storage, upload_to=learning_sets.models.space.set_file_path)),
                ('original_name', models.CharField(max_length=255)),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField()),
                ('learning_set', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='learning_sets.learningset')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.RunPython(into_private_root, back_to_own_root),
    ]
