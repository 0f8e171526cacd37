"""Registrations (a place or a place in the queue) and their reminders (due work)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone

from events.models.pages import EventPage
from hub.core.due_work import DueWork
from hub.core.fields import optional_person
from hub.people import roles


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Registrations on published events this person may see: their own; every one for
        programme officers; for a lead, those of people in the partnerships they lead."""
        if not roles.is_member(user):
            return self.none()
        mine = self.filter(event__in=EventPage.objects.visible_to(user).values("pk"))
        if roles.is_officer(user):
            return mine
        colleagues = get_user_model().objects.filter(
            memberships__partnership__in=roles.led_partnerships(user)
        )
        return mine.filter(Q(person=user) | Q(person__in=colleagues.values("pk")))


class Registration(models.Model):
    """One person's place (or place in the queue) at one event. Change it only in services."""

    class Status(models.TextChoices):
        REGISTERED = "registered", "Registered"
        WAITLISTED = "waitlisted", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=16, choices=Status, default=Status.REGISTERED)
    registered_by = optional_person(
        blank=True,
        related_name="+",
        help_text="Someone else who registered this person (a lead or an officer).",
    )
    # The waiting list is first come, first served by this time (reset when someone re-joins).
    queued_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    attended = models.BooleanField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_registration_per_person")
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self):
        return f"{self.person} at {self.event} ({self.status})"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        if not (roles.is_member(user) and self.event.can_view(user)):
            return False
        if self.person_id == user.pk or roles.is_officer(user):
            return True
        return roles.led_partnerships(user).filter(memberships__person=self.person_id).exists()


class Reminder(DueWork):
    """A reminder email due for one registration: due work, claimed so it is sent once."""

    class Kind(models.TextChoices):
        DAY_BEFORE = "24h", "24 hours before"
        HOUR_BEFORE = "1h", "1 hour before"

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=8, choices=Kind)

    class Meta(DueWork.Meta):
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.registration}"
