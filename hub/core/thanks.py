""" "Thanks" on what members write: one mechanism for answers, briefing responses, notes and
partnership replies.

A kind is named by its model label in ``THANKED`` (so the core imports no content app) or
added with :func:`register`. Each kind has an ``author`` and answers ``visible_to`` and
``can_view``. A person thanks a thing once (a unique constraint); thanking again takes it
back. The count is shown with the thing; its author sees how many people thanked them.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from hub.core.services import ServiceError

THANKED = [
    "questions.Answer",
    "briefings.BriefingResponse",
    "library.Note",
    "partnerships.Reply",
]
_EXTRA = []


def register(label):
    """Let people thank another kind (``"app_label.Model"``)."""
    if label not in THANKED + _EXTRA:
        _EXTRA.append(label)


def _models():
    found = []
    for label in THANKED + _EXTRA:
        try:
            found.append(apps.get_model(label))
        except LookupError:  # the app is not installed
            continue
    return found


def kinds():
    """``[(content type, model), ...]`` for every kind people may thank."""
    return [(ContentType.objects.get_for_model(model), model) for model in _models()]


def kind_of(target):
    return target._meta.label_lower


def model_for(kind):
    """The model for ``"app_label.model"``, if people may thank it (else ``None``)."""
    for model in _models():
        if model._meta.label_lower == kind:
            return model
    return None


def toggle(person, target):
    """Thank ``target`` for ``person``, or take it back. Returns whether they now thank it."""
    from hub.core.models import Thanks

    if model_for(kind_of(target)) is None or not target.can_view(person):
        raise PermissionDenied("You cannot thank this.")
    if target.author_id == person.pk:
        raise ServiceError("You cannot thank yourself.")
    content_type = ContentType.objects.get_for_model(target)
    lookup = {"person": person, "content_type": content_type, "object_id": target.pk}
    with transaction.atomic():
        deleted, _ = Thanks.objects.filter(**lookup).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Thanks.objects.create(**lookup)
        except IntegrityError:  # a second click won the race: it is thanked either way
            pass
    return True


def annotate(targets, person):
    """Give each target ``thanks_count`` and ``thanked_by_me``, in two queries whatever
    their number (for lists of answers, responses or notes)."""
    from hub.core.models import Thanks

    targets = list(targets)
    if not targets:
        return targets
    content_type = ContentType.objects.get_for_model(targets[0])
    ids = [t.pk for t in targets]
    rows = Thanks.objects.filter(content_type=content_type, object_id__in=ids)
    counts = dict(
        rows.values_list("object_id").annotate(n=Count("pk")).values_list("object_id", "n")
    )
    mine = (
        set(rows.filter(person=person).values_list("object_id", flat=True))
        if person is not None and person.is_authenticated
        else set()
    )
    for target in targets:
        target.thanks_count = counts.get(target.pk, 0)
        target.thanked_by_me = target.pk in mine
    return targets


def with_thanks(queryset, person):
    """``queryset`` annotated with ``thanks_count`` and ``thanked_by_me``, read in the same
    query as the rows (the twin of :func:`annotate`, for a list not yet read)."""
    from hub.core.models import Thanks

    rows = Thanks.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk")
    )
    counted = rows.order_by().values("object_id").annotate(n=Count("pk")).values("n")
    signed_in = person is not None and person.is_authenticated
    return queryset.annotate(
        thanks_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)),
        thanked_by_me=Exists(rows.filter(person=person)) if signed_in else Value(False),
    )
