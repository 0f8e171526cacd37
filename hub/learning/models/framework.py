"""A partnership's learning framework: its indicators of change, each with its history."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from hub.core.fields import optional_link, optional_person
from hub.learning.models.access import in_room, in_room_q
from hub.people import roles


class ProgrammeIndicatorQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not roles.is_member(user):
            return self.none()
        return self.filter(withdrawn_at__isnull=True)


class ProgrammeIndicator(models.Model):
    """An indicator the learning team offers every partnership to adopt or adapt."""

    words = models.CharField("the indicator", max_length=200)
    why = models.TextField("why it matters", max_length=2000, blank=True)
    offered_by = optional_person(blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ProgrammeIndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["words"]

    def __str__(self):
        return self.words

    def can_view(self, user):
        return roles.is_member(user) and self.withdrawn_at is None


class FrameworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The frameworks a person is in; the programme team also sees those with something
        shared (a meeting's summary or an indicator's journey), for that part only."""
        if not roles.is_member(user):
            return self.none()
        q = in_room_q(user)
        if roles.is_programme_team(user):
            q |= models.Q(meetings__summary_shared_at__isnull=False) | models.Q(
                indicators__journey_shared_at__isnull=False
            )
        return self.filter(q).distinct()

    def in_room(self, user):
        if not roles.is_member(user):
            return self.none()
        return self.filter(in_room_q(user))


class Framework(models.Model):
    """One partnership's learning framework and the facilitator who works with it."""

    partnership = models.OneToOneField(
        "people.Partnership", on_delete=models.CASCADE, related_name="learning_framework"
    )
    facilitator = optional_person(
        blank=True,
        related_name="facilitated_frameworks",
        help_text="The learning team's facilitator who meets this partnership.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FrameworkQuerySet.as_manager()

    def __str__(self):
        return f"Learning framework of {self.partnership}"

    def get_absolute_url(self):
        return reverse("learning:framework", args=[self.partnership.slug])

    def in_room(self, user):
        return in_room(user, self)

    def can_view(self, user):
        if in_room(user, self):
            return True
        if not (roles.is_member(user) and roles.is_programme_team(user)):
            return False
        return (
            self.meetings.filter(summary_shared_at__isnull=False).exists()
            or self.indicators.filter(journey_shared_at__isnull=False).exists()
        )


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not roles.is_member(user):
            return self.none()
        q = in_room_q(user, "framework__")
        if roles.is_programme_team(user):
            q |= models.Q(journey_shared_at__isnull=False)
        return self.filter(q)


class Indicator(models.Model):
    """An indicator of change in a partnership's words; its wording over time is kept in
    :class:`IndicatorVersion` (the current words are copied here for lists)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    words = models.CharField("the indicator", max_length=200)
    why = models.TextField("why it matters", max_length=2000, blank=True)
    proposed_by = models.CharField(
        "who proposed it",
        max_length=200,
        blank=True,
        help_text="For example “parents at the café”.",
    )
    adopted_from = optional_link(ProgrammeIndicator, blank=True, related_name="adoptions")
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    retired_on = models.DateField(null=True, blank=True)
    # Set when the partnership shares this indicator's journey with the programme team.
    journey_shared_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.words

    def can_view(self, user):
        if in_room(user, self.framework):
            return True
        return (
            self.journey_shared_at is not None
            and roles.is_member(user)
            and roles.is_programme_team(user)
        )


class IndicatorVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(indicator__in=Indicator.objects.visible_to(user))


class IndicatorVersion(models.Model):
    """The indicator's words from ``since``: a meeting is judged against the version that
    stood on its date."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="versions")
    words = models.CharField("the indicator", max_length=200)
    why = models.TextField("why it matters", max_length=2000, blank=True)
    proposed_by = models.CharField("who proposed it", max_length=200, blank=True)
    since = models.DateField()
    changed_by = optional_person(blank=True, related_name="+")
    note = models.CharField("why it changed", max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = IndicatorVersionQuerySet.as_manager()

    class Meta:
        ordering = ["since", "pk"]

    def __str__(self):
        return f"{self.words} (from {self.since:%d %B %Y})"

    def can_view(self, user):
        return self.indicator.can_view(user)
