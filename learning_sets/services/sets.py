"""Starting and changing a set, and keeping its Group in step with its people."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify

from learning_sets.models import LearningSet, forget_cached_access
from learning_sets.services.rules import require_facilitator


def sync_group(learning_set):
    """Make the set's Group hold exactly its current members and facilitators."""
    if learning_set.group_id is None:
        name = f"Learning set: {learning_set.slug}"
        learning_set.group, _ = Group.objects.get_or_create(name=name)
        learning_set.save(update_fields=["group"])
    wanted = set(learning_set.current_memberships().values_list("person_id", flat=True)) | set(
        learning_set.facilitators.values_list("pk", flat=True)
    )
    learning_set.group.user_set.set(wanted)


@transaction.atomic
def create_set(
    *,
    name,
    purpose,
    rhythm,
    ground_rules,
    facilitators,
    max_size=8,
    status=LearningSet.Status.FORMING,
    slug=None,
    themes=(),
):
    """A new set with its own Group; the facilitators are in it from the start."""
    learning_set = LearningSet.objects.create(
        name=name,
        slug=slug or slugify(name)[:150],
        purpose=purpose,
        rhythm=rhythm,
        ground_rules=ground_rules,
        max_size=max_size,
        status=status,
    )
    learning_set.facilitators.set(facilitators)
    learning_set.themes.set(themes)
    sync_group(learning_set)
    return learning_set


@transaction.atomic
def update_set(learning_set, *, facilitators, themes=(), by, **fields):
    """Change a set's basics and facilitators: only the set's own facilitators may (the
    same rule as its edit page), judged by who facilitates it before this change."""
    require_facilitator(learning_set, by)
    for name, value in fields.items():
        setattr(learning_set, name, value)
    learning_set.save()
    learning_set.facilitators.set(facilitators)
    learning_set.themes.set(themes)
    sync_group(learning_set)
    for person in facilitators:
        forget_cached_access(person)
    return learning_set


@transaction.atomic
def set_status(learning_set, status, by):
    """A facilitator marks the set forming, meeting or closed."""
    require_facilitator(learning_set, by)
    learning_set.status = status
    learning_set.save(update_fields=["status"])
