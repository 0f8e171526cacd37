"""Answer notices become due work (hub.core.due_work): sent_at is renamed done_at, data kept."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0002_answer_filed_as"),
    ]

    operations = [
        migrations.RenameField(model_name="answernotice", old_name="sent_at", new_name="done_at"),
        migrations.AlterField(
            model_name="answernotice",
            name="done_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="done"),
        ),
        migrations.AddField(
            model_name="answernotice",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="answernotice",
            name="claim_token",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="answernotice",
            name="error",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="answernotice",
            name="due_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="due"),
        ),
        migrations.AddIndex(
            model_name="answernotice",
            index=models.Index(fields=["done_at", "due_at"], name="questions_answernotice_due"),
        ),
        migrations.AddIndex(
            model_name="answernotice",
            index=models.Index(fields=["claim_token"], name="questions_answernotice_tok"),
        ),
    ]
