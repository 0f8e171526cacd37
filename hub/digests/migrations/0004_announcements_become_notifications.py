"""One way to announce: the digest's own broadcast announcements become the notifications'
announcements (to everyone, or one per partnership they went to), so officers and members
find every announcement in one place. They were emailed already, so nobody is told again.
Any of their deliveries not yet sent are cancelled, and their runs finished."""

from django.db import migrations, models
from django.utils import timezone


def carry_announcements_over(apps, schema_editor):
    Old = apps.get_model("digests", "Announcement")
    New = apps.get_model("notifications", "Announcement")
    Run = apps.get_model("digests", "DigestRun")
    Delivery = apps.get_model("digests", "DigestDelivery")
    for old in Old.objects.prefetch_related("partnerships").iterator(chunk_size=200):
        common = {
            "title": old.subject[:120],
            "body": old.body,
            "created_by_id": old.created_by_id,
            "created_at": old.created_at,
        }
        partnerships = list(old.partnerships.all())
        if not partnerships:
            New.objects.create(audience="everyone", **common)
        for partnership in partnerships:
            New.objects.create(audience="partnership", partnership_id=partnership.pk, **common)
    now = timezone.now()
    runs = Run.objects.filter(kind="announcement")
    Delivery.objects.filter(run__in=runs, done_at__isnull=True).update(
        status="cancelled",
        done_at=now,
        claimed_at=None,
        claim_token=None,
        error="Announcements are notifications now: not sent as a separate email.",
    )
    runs.filter(status="sending").update(status="done", finished_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("digests", "0003_delivery_cancelled_and_unknown"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(carry_announcements_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="Announcement"),
        migrations.AlterField(
            model_name="digestrun",
            name="kind",
            field=models.CharField(
                choices=[
                    ("digest", "Digest"),
                    (
                        "announcement",
                        "Announcement (before announcements were notifications)",
                    ),
                ],
                default="digest",
                max_length=12,
            ),
        ),
    ]
