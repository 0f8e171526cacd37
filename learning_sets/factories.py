"""Factories for learning sets, used by the tests and the demo seeder."""

from django.db import transaction
from django.utils import timezone

from learning_sets import services
from learning_sets.models import LearningSet

GROUND_RULES = (
    "What is said in the set stays in the set.\n"
    "We ask questions rather than give advice.\n"
    "We come to every session we can, and say when we cannot."
)


def make_set(name="Holding the tension", facilitators=(), members=(), **kwargs):
    """A set made through the service (so its Group exists), with members already in it."""
    learning_set = services.create_set(
        name=name,
        purpose=kwargs.pop("purpose", "Working on the hardest parts of whole-family support."),
        rhythm=kwargs.pop("rhythm", "Every six weeks, Tuesday mornings, online"),
        ground_rules=kwargs.pop("ground_rules", GROUND_RULES),
        facilitators=facilitators,
        **kwargs,
    )
    for person in members:
        # The service's own callers hold a transaction; so does this one (transactional tests).
        with transaction.atomic():
            services._add_member(learning_set, person, timezone.now())
    return LearningSet.objects.get(pk=learning_set.pk)
