"""The digests' migrations 0001-0002 in one (replaces them, so a database migrated before moves on).

Dropped: 0002's RunPython, which filled due and done times on existing deliveries when they
became due work; a fresh database has no deliveries."""


import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('digests', '0001_initial'), ('digests', '0002_digestdelivery_due_work')]

    initial = True

    dependencies = [
        ('people', '0002_programme_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DigestRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('digest', 'Digest'), ('announcement', 'Announcement')], default='digest', max_length=12)),
                ('frequency', models.CharField(blank=True, choices=[('weekly', 'Every week'), ('fortnightly', 'Every two weeks'), ('monthly', 'Once a month'), ('off', 'Never: no digest emails')], max_length=12)),
                ('period_start', models.DateField()),
                ('period_end', models.DateField()),
                ('status', models.CharField(choices=[('sending', 'Sending'), ('done', 'Finished')], default='sending', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'ordering': ['-created_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('kind', 'digest')), fields=('frequency', 'period_start'), name='one_digest_run_per_frequency_and_period')],
            },
        ),
        migrations.CreateModel(
            name='Announcement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject', models.CharField(max_length=150)),
                ('body', models.TextField(help_text='Plain text. Blank lines start a new paragraph.')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partnerships', models.ManyToManyField(blank=True, help_text='Leave empty to send to every member.', related_name='announcements', to='people.partnership')),
                ('run', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='announcement', to='digests.digestrun')),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='DigestPreference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('frequency', models.CharField(choices=[('weekly', 'Every week'), ('fortnightly', 'Every two weeks'), ('monthly', 'Once a month'), ('off', 'Never: no digest emails')], default='weekly', max_length=12)),
                ('day_of_week', models.PositiveSmallIntegerField(choices=[(0, 'Monday'), (1, 'Tuesday'), (2, 'Wednesday'), (3, 'Thursday'), (4, 'Friday'), (5, 'Saturday'), (6, 'Sunday')], default=0, verbose_name='day it arrives')),
                ('skipped_sections', models.JSONField(blank=True, default=list)),
                ('consent_recorded_at', models.DateTimeField(blank=True, help_text='When this person last chose how often to get email.', null=True)),
                ('consent_wording', models.TextField(blank=True, help_text='What they were shown when they made that choice.')),
                ('unsubscribed_at', models.DateTimeField(blank=True, null=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='digest_preference', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'indexes': [models.Index(fields=['frequency', 'day_of_week'], name='digests_dig_frequen_1a9953_idx')],
            },
        ),
        migrations.CreateModel(
            name='DigestDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Waiting'), ('claimed', 'Being sent'), ('sent', 'Sent'), ('skipped', 'Skipped: nothing new'), ('failed', 'Failed')], default='pending', max_length=10)),
                ('claim_token', models.UUIDField(blank=True, editable=False, null=True)),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('due_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='due')),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('error', models.TextField(blank=True)),
                ('subject', models.CharField(blank=True, max_length=255)),
                ('done_at', models.DateTimeField(blank=True, null=True, verbose_name='done')),
                ('unsubscribed_at', models.DateTimeField(blank=True, null=True)),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='digest_deliveries', to=settings.AUTH_USER_MODEL)),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='digests.digestrun')),
            ],
            options={
                'verbose_name_plural': 'digest deliveries',
                'indexes': [models.Index(fields=['status', 'claimed_at'], name='digests_dig_status_3f69b7_idx'), models.Index(fields=['claim_token'], name='digests_digestdelivery_tok'), models.Index(fields=['done_at', 'due_at'], name='digests_digestdelivery_due')],
                'constraints': [models.UniqueConstraint(fields=('run', 'member'), name='one_delivery_per_run_member')],
            },
        ),
    ]
