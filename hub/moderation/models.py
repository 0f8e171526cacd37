"""Moderation shared by every kind of member content (resources, notes, questions, answers).

A content model opts in by inheriting ``Moderated`` and building its queryset on
``ModeratedQuerySet``. The moderation code then needs only this small protocol from it:

- ``moderation_author``: the person told when it is hidden or restored (defaults to
  ``self.author``; override when the author field has another name);
- ``moderation_title``: a short label for the queue and emails (defaults to ``str(self)``);
- ``get_absolute_url()``: where officers and the author can look at it;
- optionally ``can_view(user)``: who may report it (everyone who can see it).

Hidden content must vanish from every listing, search and digest at once, so each
model's ``visible_to(user)`` calls ``.not_hidden()``; the page itself stays reachable by the
author (to read the reason) and officers (to review), via ``can_see_hidden(user)``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from hub.core.fields import optional_person
from hub.people import roles


class ModeratedQuerySet(models.QuerySet):
    def not_hidden(self):
        """Content nobody has hidden: the only thing listings, search and digests show."""
        return self.filter(hidden_at__isnull=True)

    def live(self):
        """What anyone at all may be shown: not hidden (kinds that can also be withdrawn, or
        that hang off other content, narrow this). ``visible_to(user)`` starts from it."""
        return self.not_hidden()

    def hidden(self):
        return self.filter(hidden_at__isnull=False)


class Moderated(models.Model):
    """Abstract mixin: the content can be reported, hidden by an officer and restored."""

    hidden_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    hidden_reason = models.TextField(
        blank=True, editable=False, help_text="Shown to the author when the content is hidden."
    )
    # Empty while hidden means "hidden automatically after reports, waiting for review".
    hidden_by = optional_person(blank=True, editable=False, related_name="+")

    class Meta:
        abstract = True

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def is_live(self):
        """The one-object twin of ``live()``."""
        return not self.is_hidden

    @property
    def is_awaiting_review(self):
        """Hidden by members' reports, not yet looked at by an officer."""
        return self.hidden_at is not None and self.hidden_by_id is None

    # What the queue shows of each item (author, parent...), read with it in one query.
    moderation_related = ("hidden_by",)

    @property
    def moderation_author(self):
        return getattr(self, "author", None)

    @property
    def moderation_title(self):
        return str(self)

    @property
    def moderation_kind(self):
        return self._meta.verbose_name

    def can_open(self, user):
        """May open its page: whoever may see it (``can_view``) and, while it is hidden, its
        author (to read why) and officers (to review)."""
        if self.can_view(user):
            return True
        return self.is_hidden and roles.is_member(user) and self.can_see_hidden(user)

    def can_see_hidden(self, user):
        """The author (to read why) and officers (to review) may still open hidden content."""
        if not self.is_hidden:
            return True
        author = self.moderation_author
        return roles.is_officer(user) or (
            author is not None and user.is_authenticated and author.pk == user.pk
        )


def moderated_models():
    """Every concrete model that uses the mixin (the queue looks through all of them)."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Moderated) and not model._meta.abstract
    ]


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Officers see every report; a member sees only the reports they made."""
        if roles.is_officer(user):
            return self
        if not roles.is_member(user):
            return self.none()
        return self.filter(reported_by_id=user.pk)

    def open(self):
        return self.filter(reviewed_at__isnull=True)

    def for_content(self, content):
        return self.filter(
            content_type=ContentType.objects.get_for_model(content), object_id=content.pk
        )


class Report(models.Model):
    """A member's report that some content is not right for the hub, with their reason."""

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", "Hidden"
        RESTORED = "restored", "Kept or restored"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_reports"
    )
    reason = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = optional_person(blank=True, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reported_by"], name="one_report_each"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Report by {self.reported_by} on {self.content_type} {self.object_id}"

    def can_view(self, user):
        """The one-object twin of ``visible_to``: officers, and the member who reported."""
        if roles.is_officer(user):
            return True
        return roles.is_member(user) and self.reported_by_id == user.pk


class Revision(models.Model):
    """An earlier version of some member content, kept when its author edits it.

    Officers read these; nobody else does. ``data`` holds the edited fields as they were.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    edited_by = optional_person(related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Earlier version of {self.content_type} {self.object_id}"
