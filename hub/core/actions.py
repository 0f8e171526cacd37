"""Actions with owners, reviewed at a later meeting: the one mechanism that learning sets'
sessions and partnerships' reflection meetings share.

A content app makes its own concrete pair from the abstract models (each adds the foreign
keys to its own meeting) and records a review with :func:`review`, which locks the action,
refuses a second review and keeps the action's status in step with the review's outcome.
"""

from django.db import models

from hub.core.fields import optional_person
from hub.core.services import ServiceError


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CHANGED = "changed", "Changed"
    DROPPED = "dropped", "Dropped"


class ReviewOutcome(models.TextChoices):
    DONE = "done", "Done"
    CHANGED = "changed", "Changed"
    DROPPED = "dropped", "Dropped"


class CommittedAction(models.Model):
    """Something someone commits to doing; reviewed at a following meeting."""

    Status = ActionStatus

    owner = optional_person(blank=True, related_name="+")
    text = models.TextField("the action", max_length=1000)
    status = models.CharField(
        max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"Action {self.pk}"

    @property
    def is_open(self):
        return self.status == ActionStatus.OPEN


class ActionReviewRecord(models.Model):
    """What became of an action, recorded at a later meeting."""

    Outcome = ReviewOutcome

    outcome = models.CharField(max_length=10, choices=ReviewOutcome.choices)
    note = models.TextField(blank=True, max_length=2000)
    reviewed_by = optional_person(blank=True, related_name="+")

    class Meta:
        abstract = True

    def __str__(self):
        return f"Review of action {self.action_id}"


def review(action, review_model, *, outcome, note="", by, **fields):
    """Record ``outcome`` for ``action`` (call inside the caller's transaction; the caller
    checks who may review and that the meeting comes later). Returns the review."""
    locked = type(action).objects.select_for_update().get(pk=action.pk)
    if locked.status != ActionStatus.OPEN:
        raise ServiceError("This action has already been reviewed.")
    if outcome not in ReviewOutcome.values:
        raise ServiceError("Choose what became of the action.")
    record = review_model.objects.create(
        action=locked, outcome=outcome, note=note, reviewed_by=by, **fields
    )
    locked.status = outcome
    locked.save(update_fields=["status"])
    action.status = outcome
    return record
