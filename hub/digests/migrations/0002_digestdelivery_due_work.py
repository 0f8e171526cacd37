"""Digest deliveries become due work (hub.core.due_work), their data kept.

sent_at becomes done_at (a skipped or failed delivery is done too: when its run finished);
next_attempt_at becomes due_at (a delivery never tried was due when its run was created).
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_due_and_done(apps, schema_editor):
    DigestDelivery = apps.get_model("digests", "DigestDelivery")
    DigestRun = apps.get_model("digests", "DigestRun")
    runs = DigestRun.objects.filter(pk=OuterRef("run_id"))
    DigestDelivery.objects.filter(due_at__isnull=True).update(
        due_at=Subquery(runs.values("created_at")[:1])
    )
    DigestDelivery.objects.filter(done_at__isnull=True, status__in=["skipped", "failed"]).update(
        done_at=Subquery(runs.values("finished_at")[:1]),
    )
    DigestDelivery.objects.filter(
        done_at__isnull=True, status__in=["sent", "skipped", "failed"]
    ).update(done_at=django.utils.timezone.now())


def clear_due(apps, schema_editor):
    """Going back: a delivery never tried again had no next attempt."""
    DigestDelivery = apps.get_model("digests", "DigestDelivery")
    DigestDelivery.objects.filter(attempts=0).update(due_at=None)
    DigestDelivery.objects.exclude(status="sent").update(done_at=None)


class Migration(migrations.Migration):
    dependencies = [
        ("digests", "0001_initial"),
    ]

    operations = [
        migrations.RenameIndex(
            model_name="digestdelivery",
            new_name="digests_digestdelivery_tok",
            old_name="digests_dig_claim_t_22cda6_idx",
        ),
        migrations.RenameField(model_name="digestdelivery", old_name="sent_at", new_name="done_at"),
        migrations.RenameField(
            model_name="digestdelivery", old_name="next_attempt_at", new_name="due_at"
        ),
        migrations.RunPython(fill_due_and_done, clear_due),
        migrations.AlterField(
            model_name="digestdelivery",
            name="done_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="done"),
        ),
        migrations.AlterField(
            model_name="digestdelivery",
            name="due_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="due"),
        ),
        migrations.AddIndex(
            model_name="digestdelivery",
            index=models.Index(fields=["done_at", "due_at"], name="digests_digestdelivery_due"),
        ),
    ]
