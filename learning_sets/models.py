"""Action learning sets: small closed groups whose space only their own people can read.

Confidentiality is the point of a set, so every kind of set content answers
``visible_to(user)`` and ``can_view(user)`` through one function, :func:`space_set_ids`:
the sets whose space this person may open (current members and the set's facilitators,
plus a superuser's recorded, time-limited break-glass access). Nothing else grants access:
not being staff, an officer, a superuser or a facilitator of another set.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hub.core.private_files import PrivateStorage, private_storage
from hub.people import roles

BREAK_GLASS_MINUTES = 60


def space_set_ids(user):
    """Ids of the sets whose space ``user`` may read (cached on the user for the request).

    Members and facilitators come from ``roles.set_ids_of``; a superuser adds only the sets
    they opened with a recorded break glass that has not yet expired.
    """

    def compute():
        ids = set(roles.set_ids_of(user))
        if roles.is_member(user) and user.is_superuser:
            ids |= set(
                BreakGlassAccess.objects.active()
                .filter(opened_by=user)
                .values_list("learning_set_id", flat=True)
            )
        return ids

    return roles.cached(user, "learning_sets.space_set_ids", compute)


def forget_cached_access(user):
    """Drop the per-request caches after someone joins or leaves a set."""
    roles.forget(user)


def set_ids_for_one(user):
    """The "sets" membership lookup for one person (registered with roles in apps.py):
    sets where they are a current member or a facilitator."""
    return set(
        LearningSet.objects.filter(
            Q(memberships__person=user, memberships__left_at__isnull=True) | Q(facilitators=user)
        ).values_list("pk", flat=True)
    )


def set_ids_for_many(people):
    """The same lookup for many people in two queries: ``{person id: {set id, ...}}``."""
    from collections import defaultdict

    ids = [p.pk for p in people]
    found = defaultdict(set)
    for person_id, set_id in SetMembership.objects.filter(
        person_id__in=ids, left_at__isnull=True
    ).values_list("person_id", "learning_set_id"):
        found[person_id].add(set_id)
    for person_id, set_id in LearningSet.facilitators.through.objects.filter(
        user_id__in=ids
    ).values_list("user_id", "learningset_id"):
        found[person_id].add(set_id)
    return found


def sets_of(user):
    """The action learning sets this person is in now (see ``roles.set_ids_of``)."""
    if not roles.is_member(user):
        return LearningSet.objects.none()
    return LearningSet.objects.filter(pk__in=roles.set_ids_of(user))


# Migration 0001 names learning_sets.models.SetFileStorage; set files now live in the core's
# one private root (migration 0002 moved the old ones there).
SetFileStorage = PrivateStorage


class LearningSetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sets whose basics (name, purpose, rhythm) this person may see: their own sets,
        and every forming set for programme members. Never the set's content."""
        if not roles.is_member(user):
            return self.none()
        return self.filter(Q(status=LearningSet.Status.FORMING) | Q(pk__in=roles.set_ids_of(user)))

    def space_for(self, user):
        """Sets whose space this person may open."""
        return self.filter(pk__in=space_set_ids(user))


class LearningSet(models.Model):
    """A small closed group meeting over months, with one or more facilitators."""

    class Status(models.TextChoices):
        FORMING = "forming", "Forming"
        MEETING = "meeting", "Meeting"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    purpose = models.TextField(max_length=1500, help_text="What the set is for, in plain words.")
    rhythm = models.CharField(
        "meeting rhythm",
        max_length=200,
        help_text="For example: every six weeks on a Tuesday morning, online.",
    )
    max_size = models.PositiveSmallIntegerField("most members", default=8)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.FORMING)
    ground_rules = models.TextField(
        help_text="What members agree to when they join (confidentiality first)."
    )
    themes = models.ManyToManyField("themes.Theme", blank=True, related_name="learning_sets")
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_sets", blank=True
    )
    # Kept in step with current members and facilitators by the services, so event sessions
    # can be restricted to exactly the set's people.
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="learning_set", null=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = LearningSetQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("learning_sets:detail", args=[self.slug])

    def get_space_url(self):
        return reverse("learning_sets:space", args=[self.slug])

    def current_memberships(self):
        return self.memberships.filter(left_at__isnull=True)

    def places_left(self):
        return max(self.max_size - self.current_memberships().count(), 0)

    def can_view(self, user):
        """The basics of the set (never its content)."""
        return roles.is_member(user) and (
            self.status == self.Status.FORMING or self.pk in roles.set_ids_of(user)
        )

    def can_enter(self, user):
        """May this person read the set's space?"""
        return self.pk in space_set_ids(user)

    def is_facilitated_by(self, user):
        return roles.is_member(user) and any(f.pk == user.pk for f in self.facilitators.all())

    def is_current_member(self, user):
        return (
            roles.is_member(user)
            and self.memberships.filter(person=user, left_at__isnull=True).exists()
        )


class SetMembership(models.Model):
    """One person's time in a set. Leaving ends it (``left_at``); the row stays as history."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="set_memberships"
    )
    learning_set = models.ForeignKey(
        LearningSet, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    ground_rules_agreed_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    anonymise_on_leave = models.BooleanField(
        default=False, help_text="Show what they wrote as 'a former member' after they leave."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "learning_set"],
                condition=Q(left_at__isnull=True),
                name="one_current_set_membership",
            )
        ]
        ordering = ["joined_at"]

    def __str__(self):
        return f"{self.person} in {self.learning_set}"


class JoinRequest(models.Model):
    """A member asks to join a forming set; a facilitator accepts or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a facilitator"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="set_join_requests"
    )
    learning_set = models.ForeignKey(
        LearningSet, on_delete=models.CASCADE, related_name="join_requests"
    )
    note = models.TextField(max_length=1000, blank=True)
    ground_rules_agreed_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "learning_set"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            )
        ]
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.person} asks to join {self.learning_set}"


class SetInvitation(models.Model):
    """A facilitator invites a programme member straight into a set."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    learning_set = models.ForeignKey(
        LearningSet, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="set_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "learning_set"],
                condition=Q(status="pending"),
                name="one_pending_set_invitation",
            )
        ]
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.person} invited to {self.learning_set}"

    def get_absolute_url(self):
        return reverse("learning_sets:invitation", args=[self.pk])


class SpaceQuerySet(models.QuerySet):
    """Set content: readable only inside the set's space."""

    def visible_to(self, user):
        return self.filter(learning_set_id__in=space_set_ids(user))


class SpaceContent(models.Model):
    """Shared by every kind of set content: it belongs to one set, and only its space shows it."""

    learning_set = models.ForeignKey(LearningSet, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        abstract = True

    def can_view(self, user):
        return self.learning_set_id in space_set_ids(user)


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
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issue = models.TextField("the issue, in the presenter's words", max_length=5000)
    helpful_questions = models.TextField("questions that helped", blank=True, max_length=5000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Issue presented at {self.session}"


class ActionQuerySet(SpaceQuerySet):
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


class Action(SpaceContent):
    """Something a presenter commits to doing; reviewed at a following session."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CHANGED = "changed", "Changed"
        DROPPED = "dropped", "Dropped"

    issue = models.ForeignKey(PresentedIssue, on_delete=models.CASCADE, related_name="actions")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("the action", max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Action {self.pk}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class ActionReview(SpaceContent):
    """What became of an action, recorded at a later session."""

    class Outcome(models.TextChoices):
        DONE = "done", "Done"
        CHANGED = "changed", "Changed"
        DROPPED = "dropped", "Dropped"

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="review")
    session = models.ForeignKey(SetSession, on_delete=models.CASCADE, related_name="reviews")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    note = models.TextField(blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Review of action {self.action_id}"


class DiscussionPost(SpaceContent):
    """The set's conversation between sessions."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=5000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Post {self.pk}"


# Set files' folder in the core's private root (the library has its own, "library/").
SET_FILES_FOLDER = "learning-sets"


def set_file_path(instance, filename):
    # A random folder per file: the name is never guessable and never collides.
    import secrets

    return f"{SET_FILES_FOLDER}/set-{instance.learning_set_id}/{secrets.token_hex(16)}/{filename}"


class SetFile(SpaceContent):
    """A file in the set's small shared area, stored outside MEDIA_ROOT."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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


class BreakGlassQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())


def _break_glass_expiry():
    return timezone.now() + timedelta(minutes=BREAK_GLASS_MINUTES)


class BreakGlassAccess(models.Model):
    """A superuser's deliberate, recorded, time-limited opening of a set's space.

    The set's people see every one of these in their space.
    """

    learning_set = models.ForeignKey(
        LearningSet, on_delete=models.CASCADE, related_name="break_glass"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(max_length=1000)
    opened_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_break_glass_expiry)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name_plural = "break glass accesses"

    def __str__(self):
        return f"Break glass on {self.learning_set} by {self.opened_by}"
