"""A set, who is in it, and how people come to join it."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hub.core.fields import optional_person
from hub.people import roles
from learning_sets.models.access import InSpace, InSpaceQuerySet, space_set_ids, writable_set_ids


def sets_of_one(user):
    """The sets where ``user`` is a current member or a facilitator (a queryset: the roles
    query reads their ids with everything else, see apps.py)."""
    return LearningSet.objects.filter(
        Q(memberships__person=user, memberships__left_at__isnull=True) | Q(facilitators=user)
    )


def set_ids_for_one(user):
    """The "sets" membership lookup for one person (registered with roles in apps.py):
    sets where they are a current member or a facilitator."""
    return set(sets_of_one(user).values_list("pk", flat=True))


def set_ids_for_many(people):
    """The same lookup for many people in two queries: ``{person id: {set id, ...}}``."""
    ids = [p.pk for p in people]
    found = defaultdict(set)
    for person_id, set_id in SetMembership.objects.filter(
        person_id__any_of=ids, left_at__isnull=True
    ).values_list("person_id", "learning_set_id"):
        found[person_id].add(set_id)
    for person_id, set_id in LearningSet.facilitators.through.objects.filter(
        user_id__any_of=ids
    ).values_list("user_id", "learningset_id"):
        found[person_id].add(set_id)
    return found


def facilitated_set_ids(user):
    """Ids of the sets ``user`` facilitates (cached on the user for the request)."""

    def compute():
        if not roles.is_member(user):
            return set()
        return set(user.facilitated_sets.values_list("pk", flat=True))

    return roles.cached(user, "learning_sets.facilitated_set_ids", compute)


def sets_of(user):
    """The action learning sets this person is in now (see ``roles.set_ids_of``)."""
    if not roles.is_member(user):
        return LearningSet.objects.none()
    return LearningSet.objects.filter(pk__in=roles.set_ids_of(user))


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
        return self.memberships.current()

    def people(self):
        """Its current members and facilitators who can sign in (the people of its Group)."""
        return get_user_model().objects.filter(groups=self.group_id, is_active=True).distinct()

    def places_left(self):
        return max(self.max_size - self.current_memberships().count(), 0)

    def can_view(self, user):
        """The basics of the set (never its content): the rule of ``visible_to``."""
        return roles.is_member(user) and (
            self.status == self.Status.FORMING or self.pk in roles.set_ids_of(user)
        )

    def can_enter(self, user):
        """May this person read the set's space?"""
        return self.pk in space_set_ids(user)

    def can_write(self, user):
        """May this person add to the set's space? Members and facilitators only: break glass
        is read-only."""
        return self.pk in writable_set_ids(user)

    def is_facilitated_by(self, user):
        return roles.is_member(user) and any(f.pk == user.pk for f in self.facilitators.all())

    def is_current_member(self, user):
        return roles.is_member(user) and self.memberships.current().filter(person=user).exists()


class SetMembershipQuerySet(InSpaceQuerySet):
    def current(self):
        return self.filter(left_at__isnull=True)


class SetMembership(InSpace, models.Model):
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

    objects = SetMembershipQuerySet.as_manager()

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


class AskQuerySet(models.QuerySet):
    """Join requests and invitations: between one person and the set's facilitators. The
    set's members do not see them (a note is written to the facilitator), and break glass
    opens the space, not these."""

    def visible_to(self, user):
        if not roles.is_member(user):
            return self.none()
        return self.filter(Q(person=user) | Q(learning_set_id__in=facilitated_set_ids(user)))

    def pending(self):
        return self.filter(status="pending")


def one_pending(name):
    """At most one ask waiting for an answer per person and set."""
    return models.UniqueConstraint(
        fields=["person", "learning_set"], condition=Q(status="pending"), name=name
    )


class Ask(models.Model):
    """What a join request and an invitation share (each names its ``person`` and
    ``learning_set``): who may see it, and when it was made."""

    created_at = models.DateTimeField(default=timezone.now)

    objects = AskQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at"]

    def can_view(self, user):
        return roles.is_member(user) and (
            self.person_id == user.pk or self.learning_set_id in facilitated_set_ids(user)
        )


class JoinRequest(Ask):
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
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = optional_person(blank=True, related_name="+")

    class Meta(Ask.Meta):
        constraints = [one_pending("one_pending_join_request")]

    def __str__(self):
        return f"{self.person} asks to join {self.learning_set}"


class SetInvitation(Ask):
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
    invited_by = optional_person(related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta(Ask.Meta):
        constraints = [one_pending("one_pending_set_invitation")]

    def __str__(self):
        return f"{self.person} invited to {self.learning_set}"

    def get_absolute_url(self):
        return reverse("learning_sets:invitation", args=[self.pk])
