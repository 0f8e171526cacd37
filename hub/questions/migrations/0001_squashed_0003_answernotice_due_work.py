"""Questions' migrations 0001-0003 in one (replaces them, so a database migrated before moves on)."""


import django.db.models.deletion
import django.utils.timezone
import modelsearch.index
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('questions', '0001_initial'), ('questions', '0002_answer_filed_as'), ('questions', '0003_answernotice_due_work')]

    initial = True

    dependencies = [
        ('library', '0001_squashed_0005_consent_review_due_work'),
        ('people', '0002_programme_groups'),
        ('themes', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Answer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hidden_at', models.DateTimeField(blank=True, db_index=True, editable=False, null=True)),
                ('hidden_reason', models.TextField(blank=True, editable=False, help_text='Shown to the author when the content is hidden.')),
                ('body', models.TextField(help_text='Markdown works: **bold**, *italic*, lists and [links](https://example.org).', max_length=10000, verbose_name='your answer')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='answers', to=settings.AUTH_USER_MODEL)),
                ('hidden_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='Question',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hidden_at', models.DateTimeField(blank=True, db_index=True, editable=False, null=True)),
                ('hidden_reason', models.TextField(blank=True, editable=False, help_text='Shown to the author when the content is hidden.')),
                ('title', models.CharField(max_length=200)),
                ('body', models.TextField(help_text='Markdown works: **bold**, *italic*, lists and [links](https://example.org).', max_length=10000, verbose_name='your question in more detail')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('accepted_answer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='questions.answer')),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='questions', to=settings.AUTH_USER_MODEL)),
                ('hidden_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnership', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='questions', to='people.partnership')),
                ('themes', models.ManyToManyField(blank=True, related_name='questions', to='themes.theme')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddField(
            model_name='answer',
            name='question',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='questions.question'),
        ),
        migrations.CreateModel(
            name='QuestionEmailPreference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('new_answers', models.BooleanField(default=True, verbose_name='email me about new answers to questions I follow')),
                ('mentions', models.BooleanField(default=True, verbose_name='email me when someone mentions me')),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='question_emails', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='HaveThisToo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='have_too', to='questions.question')),
            ],
            options={
                'verbose_name': 'have this question too',
                'verbose_name_plural': 'have this question too',
                'constraints': [models.UniqueConstraint(fields=('question', 'person'), name='have_this_too_once')],
            },
        ),
        migrations.CreateModel(
            name='Follow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='question_follows', to=settings.AUTH_USER_MODEL)),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follows', to='questions.question')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('question', 'person'), name='follow_question_once')],
            },
        ),
        migrations.AddField(
            model_name='answer',
            name='filed_as',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='filed_answers', to='library.resource'),
        ),
        migrations.CreateModel(
            name='AnswerNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='due')),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('done_at', models.DateTimeField(blank=True, null=True, verbose_name='done')),
                ('skipped', models.BooleanField(default=False)),
                ('answer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='questions.answer')),
                ('follower', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answer_notices', to=settings.AUTH_USER_MODEL)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('claim_token', models.UUIDField(blank=True, editable=False, null=True)),
                ('error', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['due_at', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('follower', 'answer'), name='one_notice_per_answer')],
                'indexes': [models.Index(fields=['done_at', 'due_at'], name='questions_answernotice_due'), models.Index(fields=['claim_token'], name='questions_answernotice_tok')],
            },
        ),
    ]
