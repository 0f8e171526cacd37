"""Who may open a set's space: the one answer every kind of set content asks, and break glass.

:func:`space_set_ids` is the sets whose space this person may read: current members and the
set's facilitators, plus a superuser's recorded, time-limited break-glass access. Nothing
else grants access: not being staff, an officer, a superuser or a facilitator of another set.
Writing needs real membership (:func:`writable_set_ids`): break glass is read-only.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

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


def writable_set_ids(user):
    """Ids of the sets whose space ``user`` may write in: their own (never through break glass)."""
    return roles.set_ids_of(user)


def forget_cached_access(user):
    """Drop the per-request caches after someone joins or leaves a set."""
    roles.forget(user)


class InSpaceQuerySet(models.QuerySet):
    """Rows that belong to one set and are read only inside its space (its members and
    facilitators, or break glass): every kind of set content, and its memberships."""

    def visible_to(self, user):
        return self.filter(learning_set_id__in=space_set_ids(user))


class InSpace:
    """``can_view`` for one row of an :class:`InSpaceQuerySet`: the same rule."""

    def can_view(self, user):
        return self.learning_set_id in space_set_ids(user)


class BreakGlassQuerySet(InSpaceQuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())


def _break_glass_expiry():
    return timezone.now() + timedelta(minutes=BREAK_GLASS_MINUTES)


class BreakGlassAccess(InSpace, models.Model):
    """A superuser's deliberate, recorded, time-limited opening of a set's space.

    The set's people see every one of these in their space (``visible_to``: whoever may read
    the space).
    """

    learning_set = models.ForeignKey(
        "learning_sets.LearningSet", on_delete=models.CASCADE, related_name="break_glass"
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
