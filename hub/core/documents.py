"""Who may download a Wagtail document: the things that use it decide.

A document is served to a person when nothing that uses it is private, or when they may see at
least one of the things that use it (``can_view(user)``). What uses a document comes from
Wagtail's reference index (pages' StreamFields, rich text links, foreign keys of indexed models)
and from the content apps, which plug in their own lookups with ``register_document_users``
(events: the materials a document is attached to). The core imports no content app.

On top of this, a document in a restricted collection follows the collection's restriction
(Wagtail's own ``before_serve_document`` hook and the briefings' one for members): both must
pass. Documents attached to anything that is not public are moved into the restricted
"Programme only" collection by ``restrict``.
"""

import logging
from enum import Enum

from django.contrib.contenttypes.models import ContentType

from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Page

logger = logging.getLogger(__name__)

PRIVATE_COLLECTION = "Programme only"

_document_users = []


def register_document_users(finder):
    """``finder(document)`` returns the objects (each with ``can_view(user)``) that use the
    document and that Wagtail's reference index does not know about."""
    if finder not in _document_users:
        _document_users.append(finder)
    return finder


def users_of(document):
    """Everything that uses ``document``, each object once."""
    from wagtail.models import ReferenceIndex

    found = {}
    references = (
        ReferenceIndex.get_references_to(document)
        .values_list("content_type_id", "object_id")
        .distinct()
    )
    for content_type_id, object_id in references:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        source = model._default_manager.filter(pk=object_id).first()
        if source is not None:
            found[(model._meta.label, str(source.pk))] = source
    for finder in _document_users:
        for source in finder(document):
            found[(source._meta.label, str(source.pk))] = source
    return list(found.values())


def _lets_in(source, request):
    """May this person see this user of the document?"""
    can_view = getattr(source, "can_view", None)
    if callable(can_view):
        return bool(can_view(request.user))
    if isinstance(source, Page):
        # A page with no notion of audience: live, and its Wagtail view restrictions pass.
        return source.live and all(
            restriction.accept_request(request) for restriction in source.get_view_restrictions()
        )
    # Anything else has no notion of privacy (e.g. a plain snippet): it restricts nothing.
    return True


def _may_edit(document, user):
    from wagtail.documents.permissions import permission_policy

    return bool(
        user.is_authenticated
        and permission_policy.user_has_permission_for_instance(user, "change", document)
    )


class Access(Enum):
    ALLOW = "allow"
    SIGN_IN = "sign in"
    REFUSE = "refuse"


def access(document, request):
    """ALLOW, SIGN_IN (a visitor, and signing in may help) or REFUSE (say nothing: 404).

    Group-only users (``is_group_only``, e.g. a learning set session's materials) let in only
    their group: no editor bypass and no sign-in prompt for them. Otherwise the people who may
    edit the document in the admin may always download it (e.g. from a draft's preview).
    """
    users = users_of(document)
    if not users or any(_lets_in(source, request) for source in users):
        return Access.ALLOW
    group_only = [getattr(source, "is_group_only", False) for source in users]
    if not any(group_only) and _may_edit(document, request.user):
        return Access.ALLOW
    if not request.user.is_authenticated and not all(group_only):
        return Access.SIGN_IN
    return Access.REFUSE


# The restricted collection ---------------------------------------------------------------


def private_collection():
    """The "Programme only" collection (members only), made if it is missing.

    A data migration makes it (briefings 0002); this heals a database emptied by a test.
    """
    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=PRIVATE_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.LOGIN
        )
    return collection


def is_restricted(document):
    return document.collection.get_view_restrictions().exists()


def restrict(document):
    """Move a document attached to something that is not public into the restricted
    collection (left where it is if its collection is already restricted)."""
    if document is None or is_restricted(document):
        return document
    document.collection = private_collection()
    document.save(update_fields=["collection"])
    logger.info("Document %s moved to the %s collection", document.pk, PRIVATE_COLLECTION)
    return document
