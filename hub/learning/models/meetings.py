"""Reflection meetings: what we noticed, a judgement for each indicator with its evidence,
and actions with owners reviewed at the next meeting (:mod:`hub.core.actions`)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from hub.core.actions import ActionReviewRecord, CommittedAction
from hub.core.fields import optional_link, optional_person
from hub.learning.models.access import in_room, in_room_q
from hub.learning.models.framework import Framework, Indicator, IndicatorVersion
from hub.people import roles


class Role(models.TextChoices):
    PARENT = "parent", "Parents and carers"
    YOUNG_PERSON = "young_person", "Young people"
    PRACTITIONER = "practitioner", "Practitioners"
    SENIOR_LEADER = "senior_leader", "Senior leaders"
    COMMUNITY = "community", "Community members"
    VOLUNTEER = "volunteer", "Volunteers"
    LEARNING_TEAM = "learning_team", "The learning team"


class Level(models.IntegerChoices):
    NOT_YET = 1, "Not yet"
    EARLY = 2, "Early signs"
    CLEAR = 3, "Clear signs"


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings of the frameworks a person is in; the programme team also sees those
        whose summary was shared (the summary only: see ``shows_record_to``)."""
        if not roles.is_member(user):
            return self.none()
        q = in_room_q(user, "framework__")
        if roles.is_programme_team(user):
            q |= models.Q(summary_shared_at__isnull=False)
        return self.filter(q)

    def in_room(self, user):
        if not roles.is_member(user):
            return self.none()
        return self.filter(in_room_q(user, "framework__"))


class ReflectionMeeting(models.Model):
    """One "Is this good work?" meeting of the partnership's core team and its facilitator."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date of the meeting")
    roles_present = models.JSONField("who took part", default=list, blank=True)
    noticed = models.TextField("what we noticed", max_length=5000)
    summary = models.TextField(
        "summary for the programme",
        max_length=2000,
        blank=True,
        help_text="Only this is seen by the programme team, and only if you share it.",
    )
    summary_shared_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = optional_person(blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"Reflection meeting, {self.held_on:%d %B %Y}"

    def get_absolute_url(self):
        return reverse("learning:meeting", args=[self.framework.partnership.slug, self.pk])

    @property
    def role_labels(self):
        labels = dict(Role.choices)
        return [labels[r] for r in self.roles_present if r in labels]

    def shows_record_to(self, user):
        """The whole record (noticed, judgements, actions) is for the room only."""
        return in_room(user, self.framework)

    def can_view(self, user):
        if in_room(user, self.framework):
            return True
        return (
            self.summary_shared_at is not None
            and roles.is_member(user)
            and roles.is_programme_team(user)
        )


class JudgementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """In the room; or, for the programme team, on an indicator whose journey is shared."""
        if not roles.is_member(user):
            return self.none()
        q = in_room_q(user, "meeting__framework__")
        if roles.is_programme_team(user):
            q |= models.Q(indicator__journey_shared_at__isnull=False)
        return self.filter(q)


class Judgement(models.Model):
    """The group's judgement on one indicator (as it stood then) at one meeting."""

    meeting = models.ForeignKey(
        ReflectionMeeting, on_delete=models.CASCADE, related_name="judgements"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="judgements")
    version = models.ForeignKey(IndicatorVersion, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField("our judgement", choices=Level.choices)
    note = models.TextField("the evidence, in a few words", max_length=2000, blank=True)
    evidence_type = optional_link(ContentType, blank=True, related_name="+")
    evidence_id = models.PositiveIntegerField(null=True, blank=True)
    evidence = GenericForeignKey("evidence_type", "evidence_id")

    objects = JudgementQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__held_on", "indicator__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "indicator"], name="one_judgement_each")
        ]

    def __str__(self):
        return f"{self.get_level_display()}: {self.version.words}"

    def can_view(self, user):
        if in_room(user, self.meeting.framework):
            return True
        return (
            self.indicator.journey_shared_at is not None
            and roles.is_member(user)
            and roles.is_programme_team(user)
        )

    def evidence_for(self, user):
        """The linked story, resource or note, only when ``user`` may see it."""
        thing = self.evidence if self.evidence_type_id else None
        if thing is None or not thing.can_view(user):
            return None
        return thing


class InRoomQuerySet(models.QuerySet):
    room_prefix = "meeting__framework__"

    def visible_to(self, user):
        if not roles.is_member(user):
            return self.none()
        return self.filter(in_room_q(user, self.room_prefix))


class ActionQuerySet(InRoomQuerySet):
    def for_review(self, meeting):
        """Open actions from earlier meetings of the same framework: reviewed at this one."""
        return (
            self.filter(
                meeting__framework_id=meeting.framework_id,
                status=CommittedAction.Status.OPEN,
                meeting__held_on__lt=meeting.held_on,
            )
            .select_related("owner", "meeting")
            .order_by("meeting__held_on", "pk")
        )


class MeetingAction(CommittedAction):
    """An action agreed at a meeting, with its owner; private to the room."""

    meeting = models.ForeignKey(ReflectionMeeting, on_delete=models.CASCADE, related_name="actions")
    owner_words = models.CharField(
        "who will do it", max_length=200, blank=True, help_text="When it is not someone in the hub."
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Action {self.pk}"

    def can_view(self, user):
        return in_room(user, self.meeting.framework)

    @property
    def owner_name(self):
        if self.owner_id:
            return self.owner.get_full_name() or str(self.owner)
        return self.owner_words


class ReviewQuerySet(InRoomQuerySet):
    room_prefix = "action__meeting__framework__"


class MeetingActionReview(ActionReviewRecord):
    """What became of an action, recorded at the next meeting."""

    action = models.OneToOneField(MeetingAction, on_delete=models.CASCADE, related_name="review")
    meeting = models.ForeignKey(ReflectionMeeting, on_delete=models.CASCADE, related_name="reviews")

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Review of action {self.action_id}"

    def can_view(self, user):
        return in_room(user, self.action.meeting.framework)
