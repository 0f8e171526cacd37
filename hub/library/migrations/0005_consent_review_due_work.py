"""Consent reviews become due work: a ConsentReview row per review date (hub.core.due_work).

Each story consent gets the row for its current review date, already done if its reminder
had gone out (reminded_for was that date); then reminded_for goes.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

LONDON = ZoneInfo("Europe/London")


def reviews_from_consents(apps, schema_editor):
    StoryConsent = apps.get_model("library", "StoryConsent")
    ConsentReview = apps.get_model("library", "ConsentReview")
    now = django.utils.timezone.now()
    ConsentReview.objects.bulk_create(
        [
            ConsentReview(
                consent_id=consent.pk,
                review_date=consent.review_date,
                due_at=datetime.combine(consent.review_date, time(8, 0), tzinfo=LONDON),
                done_at=now if consent.reminded_for == consent.review_date else None,
            )
            for consent in StoryConsent.objects.all()
        ],
        batch_size=1000,
    )


def consents_from_reviews(apps, schema_editor):
    StoryConsent = apps.get_model("library", "StoryConsent")
    ConsentReview = apps.get_model("library", "ConsentReview")
    for review in ConsentReview.objects.filter(done_at__isnull=False):
        StoryConsent.objects.filter(pk=review.consent_id, review_date=review.review_date).update(
            reminded_for=review.review_date
        )


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0004_consent_review_reminder"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConsentReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "due_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="due"),
                ),
                ("claimed_at", models.DateTimeField(blank=True, null=True)),
                ("claim_token", models.UUIDField(blank=True, editable=False, null=True)),
                ("done_at", models.DateTimeField(blank=True, null=True, verbose_name="done")),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("error", models.TextField(blank=True)),
                ("review_date", models.DateField()),
                (
                    "consent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reviews",
                        to="library.storyconsent",
                    ),
                ),
            ],
            options={
                "verbose_name": "consent review",
                "abstract": False,
                "indexes": [
                    models.Index(fields=["done_at", "due_at"], name="library_consentreview_due"),
                    models.Index(fields=["claim_token"], name="library_consentreview_tok"),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("consent", "review_date"), name="one_consent_review_per_date"
                    )
                ],
            },
        ),
        migrations.RunPython(reviews_from_consents, consents_from_reviews),
        migrations.RemoveField(
            model_name="storyconsent",
            name="reminded_for",
        ),
    ]
