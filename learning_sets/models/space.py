"""What is said and kept in a set's space: sessions and their records, actions and their
reviews, the discussion and the files. Every kind answers ``visible_to`` / ``can_view`` with
the space's one rule (:mod:`learning_sets.models.access`)."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from hub.core.actions import ActionReviewRecord, CommittedAction
from hub.core.fields import optional_person
from hub.core.private_files import PrivateStorage, private_storage
from learning_sets.models.access import InSpace, InSpaceQuerySet
from learning_sets.models.sets import LearningSet

# Migration 0001 names learning_sets.models.SetFileStorage; set files now live in the core's
# one private root (migration 0002 moved the old ones there).
SetFileStorage = PrivateStorage


class SpaceContent(InSpace, models.Model):
    """Shared by every kind of set content: it belongs to one set, and only its space shows it."""

    learning_set = models.ForeignKey(LearningSet, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = InSpaceQuerySet.as_manager()

    class Meta:
        abstract = True


class SetSession(SpaceContent):
    """One meeting of the set. Its public face (date, joining link for registrants, who is
    presenting) is an event page of kind "learning set session"; the records stay here."""

    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    joining_link = models.URLField(blank=True)
    presenters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="set_sessions_presented"
    )
    event_page_id = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="The events app's page for this session."
    )

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.learning_set} session, {timezone.localtime(self.starts_at):%d %B %Y}"

    def get_absolute_url(self):
        return reverse("learning_sets:session", args=[self.learning_set.slug, self.pk])

    @property
    def has_happened(self):
        return self.starts_at <= timezone.now()


class Attendance(models.Model):
    """Who came to a session (numbers only reach the health view)."""

    session = models.ForeignKey(SetSession, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_attendance_each")
        ]

    def __str__(self):
        return f"{self.person} at {self.session}"


class PresentedIssue(SpaceContent):
    """What one presenter brought to a session, in their words, and the questions that helped."""

    session = models.ForeignKey(SetSession, on_delete=models.CASCADE, related_name="issues")
    # Empty after a presenter who asked to be anonymised leaves the set.
    presenter = optional_person(blank=True, related_name="+")
    issue = models.TextField("the issue, in the presenter's words", max_length=5000)
    helpful_questions = models.TextField("questions that helped", blank=True, max_length=5000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Issue presented at {self.session}"


class ActionQuerySet(InSpaceQuerySet):
    def for_review(self, session):
        """Open actions committed at earlier sessions of the same set: reviewed at this one."""
        return (
            self.filter(
                learning_set_id=session.learning_set_id,
                status=Action.Status.OPEN,
                issue__session__starts_at__lt=session.starts_at,
            )
            .select_related("owner", "issue__session")
            .order_by("issue__session__starts_at", "created_at")
        )


class Action(CommittedAction, SpaceContent):
    """Something a presenter commits to doing; reviewed at a following session (the shared
    mechanism in :mod:`hub.core.actions`)."""

    issue = models.ForeignKey(PresentedIssue, on_delete=models.CASCADE, related_name="actions")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Action {self.pk}"


class ActionReview(ActionReviewRecord, SpaceContent):
    """What became of an action, recorded at a later session."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="review")
    session = models.ForeignKey(SetSession, on_delete=models.CASCADE, related_name="reviews")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Review of action {self.action_id}"


class DiscussionPost(SpaceContent):
    """The set's conversation between sessions."""

    author = optional_person(blank=True, related_name="+")
    body = models.TextField(max_length=5000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Post {self.pk}"


# Set files' folder in the core's private root (the library has its own, "library/").
SET_FILES_FOLDER = "learning-sets"


def set_file_path(instance, filename):
    # A random folder per file: the name is never guessable and never collides.
    return f"{SET_FILES_FOLDER}/set-{instance.learning_set_id}/{secrets.token_hex(16)}/{filename}"


class SetFile(SpaceContent):
    """A file in the set's small shared area, stored outside MEDIA_ROOT."""

    uploaded_by = optional_person(blank=True, related_name="+")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=set_file_path, storage=private_storage, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_download_url(self):
        return reverse("learning_sets:file_download", args=[self.learning_set.slug, self.pk])
