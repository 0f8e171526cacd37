"""Reminders become due work (hub.core.due_work): sent_at is renamed done_at, data kept."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_officer_series_permissions"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="reminder",
            name="events_remi_sent_at_5c447b_idx",
        ),
        migrations.RenameField(model_name="reminder", old_name="sent_at", new_name="done_at"),
        migrations.AlterField(
            model_name="reminder",
            name="done_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="done"),
        ),
        migrations.AddField(
            model_name="reminder",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="reminder",
            name="claim_token",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="reminder",
            name="error",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="reminder",
            name="due_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="due"),
        ),
        migrations.AddIndex(
            model_name="reminder",
            index=models.Index(fields=["done_at", "due_at"], name="events_reminder_due"),
        ),
        migrations.AddIndex(
            model_name="reminder",
            index=models.Index(fields=["claim_token"], name="events_reminder_tok"),
        ),
    ]
