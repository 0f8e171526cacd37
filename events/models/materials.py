"""What comes after an event: its materials (recording, slides, notes) and feedback."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from events.models.pages import EventPage
from hub.core.fields import optional_link, optional_person
from hub.people import roles


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Feedback on published events this person may see: their own; all of it for
        programme officers (who read the summary)."""
        if not roles.is_member(user):
            return self.none()
        seen = self.filter(event__in=EventPage.objects.visible_to(user).values("pk"))
        return roles.own_or_officers(seen, user)


class Feedback(models.Model):
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feedback"
    )
    valuable = models.TextField("What did you find valuable?", blank=True, max_length=2000)
    rating = models.PositiveSmallIntegerField(
        "How useful was it, from 1 (not at all) to 5 (very)?",
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    next_wanted = models.TextField("What would you like next?", blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_feedback_per_person")
        ]

    def __str__(self):
        return f"Feedback from {self.person} on {self.event}"

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return roles.is_own_or_officer(user, self.person_id) and self.event.can_view(user)


class EventMaterialQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Materials this person may see: programme members only, and only of live events
        they may see (a group-only event's materials stay with its group)."""
        if not roles.is_member(user):
            return self.none()
        return self.filter(event__in=EventPage.objects.visible_to(user).values("pk"))


class EventMaterial(models.Model):
    """A recording, slides or notes added after the event: programme members who may see the
    event (for a group-only event, its group). Never filed in the library for a group-only
    event; an attached document goes into the restricted collection."""

    class Kind(models.TextChoices):
        RECORDING = "recording", "Recording"
        SLIDES = "slides", "Slides"
        NOTES = "notes", "Notes"

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField(max_length=16, choices=Kind)
    title = models.CharField(max_length=255)
    url = models.URLField("link", blank=True)
    document = optional_link("wagtaildocs.Document", blank=True, related_name="+")
    notes = models.TextField(blank=True, help_text="Markdown.")
    added_by = optional_person(blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventMaterialQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "created_at"]

    def __str__(self):
        return self.title

    @property
    def is_group_only(self):
        return self.event.is_group_only

    def can_view(self, user):
        """The one-object twin of ``visible_to``."""
        return roles.is_member(user) and self.event.can_view(user)
