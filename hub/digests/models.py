"""Digest preferences, runs and deliveries, and officers' one-off announcements.

Exactly once per member per period rests on two unique keys: a run is unique per
(frequency, period start) and a delivery per (run, member). A delivery is claimed
(pending -> claimed) by one batch before its email is sent and marked sent straight after.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hub.core.due_work import DueWork


class DigestPreference(models.Model):
    """How often one person wants the digest, on which day, and with which sections."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Every week"
        FORTNIGHTLY = "fortnightly", "Every two weeks"
        MONTHLY = "monthly", "Once a month"
        OFF = "off", "Never: no digest emails"

    class Day(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default="weekly")
    day_of_week = models.PositiveSmallIntegerField(
        "day it arrives", choices=Day.choices, default=Day.MONDAY
    )
    # Keys of the sections this person switched off: a section added later is on by default.
    skipped_sections = models.JSONField(default=list, blank=True)
    consent_recorded_at = models.DateTimeField(
        null=True, blank=True, help_text="When this person last chose how often to get email."
    )
    consent_wording = models.TextField(
        blank=True, help_text="What they were shown when they made that choice."
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["frequency", "day_of_week"])]

    def __str__(self):
        return f"{self.person}: {self.get_frequency_display()}"

    def get_absolute_url(self):
        return reverse("digests:preferences")

    def wants(self, section_key):
        return section_key not in (self.skipped_sections or [])


class DigestRun(models.Model):
    """One sending of the digest for one frequency and period. (Runs of kind "announcement"
    are history: announcements are notifications now, ``hub.notifications.announcements``,
    and reach the digest through its "For you" part.)"""

    class Kind(models.TextChoices):
        DIGEST = "digest", "Digest"
        ANNOUNCEMENT = "announcement", "Announcement (before announcements were notifications)"

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        DONE = "done", "Finished"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DIGEST)
    frequency = models.CharField(
        max_length=12, choices=DigestPreference.Frequency.choices, blank=True
    )
    # Local (Europe/London) dates: the period is [period_start, period_end).
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "period_start"],
                condition=Q(kind="digest"),
                name="one_digest_run_per_frequency_and_period",
            )
        ]

    def __str__(self):
        if self.kind == self.Kind.ANNOUNCEMENT:
            return f"Announcement of {self.period_start:%-d %B %Y}"
        return f"{self.get_frequency_display()} digest from {self.period_start:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("digests:run", args=[self.pk])


class DigestDelivery(DueWork):
    """One member's email for one run: due work, claimed before sending; never sent twice.

    ``due_at`` is when it may be sent (a failed send waits before it is offered again) and
    ``done_at`` when it was sent, skipped or given up on.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        CLAIMED = "claimed", "Being sent"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Skipped: nothing new"
        FAILED = "failed", "Failed"
        # The member unsubscribed or changed how often, after the run started: not sent.
        CANCELLED = "cancelled", "Not sent: their choice changed"
        # The connection failed after the message was handed to the mail server, which may
        # have taken it: not sent again blindly (a second copy is worse than asking).
        UNKNOWN = "unknown", "May have been sent"

    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    subject = models.CharField(max_length=255, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta(DueWork.Meta):
        verbose_name_plural = "digest deliveries"
        constraints = [
            models.UniqueConstraint(fields=["run", "member"], name="one_delivery_per_run_member")
        ]
        indexes = [*DueWork.Meta.indexes, models.Index(fields=["status", "claimed_at"])]

    def __str__(self):
        return f"{self.run} to {self.member} ({self.get_status_display()})"
