"""A notification tells one person that something happened; it points at the thing itself.

What it says is put together when it is shown (``hub.notifications.present``), after asking
the thing's own ``can_view`` again, so a notification never shows more than the thing's page
would. The only words stored are the kind and a small context (never the thing's title).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from hub.core.due_work import DueWork
from hub.core.fields import optional_link, optional_person
from hub.notifications.kinds import Channel
from hub.people import roles


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's own notifications: nobody else's, whatever their role."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def unread_of(self, person):
        """``person``'s unread notifications (what the header's bell counts)."""
        return self.visible_to(person).unread()


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    # The channel chosen when it was made: "digest" ones go in the next digest while unread.
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.HUB)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    actor = optional_person(blank=True, related_name="+")
    context = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notif_newest"),
            models.Index(fields=["target_type", "target_id"], name="notif_target"),
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}"

    def can_view(self, user):
        """The one-object twin of ``visible_to``: the recipient only."""
        return bool(user is not None and user.is_authenticated and self.recipient_id == user.pk)

    @property
    def is_unread(self):
        return self.read_at is None


class NotificationPreference(models.Model):
    """How a person wants to hear of one kind (no row means the kind's default)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_choices"
    )
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_choice_per_kind")
        ]

    def __str__(self):
        return f"{self.person_id}: {self.kind} {self.channel}"


class NotificationEmail(DueWork):
    """The email of one notification, sent by beat once due (several due together go in one
    email to their person). Re-checked when sent: read or no longer available, it is skipped."""

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="email"
    )
    skipped = models.BooleanField(default=False)

    class Meta(DueWork.Meta):
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["done_at", "due_at"], name="notif_email_due"),
            models.Index(fields=["claim_token"], name="notif_email_tok"),
        ]

    def __str__(self):
        return f"Email of notification {self.notification_id}"


class AnnouncementQuerySet(models.QuerySet):
    def visible_to(self, user):
        if roles.is_officer(user):
            return self.all()
        if not roles.is_member(user):
            return self.none()
        return self.filter(
            models.Q(audience=Announcement.Audience.EVERYONE)
            | models.Q(audience=Announcement.Audience.THEME)
            | models.Q(
                audience=Announcement.Audience.PARTNERSHIP,
                partnership_id__in=roles.partnership_ids_of(user),
            )
        )


class Announcement(models.Model):
    """An officer's short message to everyone, to the people following a theme, or to one
    partnership, told as a notification."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone on the hub"
        THEME = "theme", "People following a theme"
        PARTNERSHIP = "partnership", "One partnership"

    title = models.CharField(max_length=120)
    body = models.TextField()
    audience = models.CharField(max_length=12, choices=Audience.choices)
    theme = optional_link("themes.Theme", blank=True, related_name="+")
    partnership = optional_link("people.Partnership", blank=True, related_name="+")
    created_by = optional_person(related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def can_view(self, user):
        if roles.is_officer(user):
            return True
        if not roles.is_member(user):
            return False
        if self.audience == self.Audience.PARTNERSHIP:
            return self.partnership_id in roles.partnership_ids_of(user)
        return True
