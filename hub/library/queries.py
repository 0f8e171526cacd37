"""What is new in the library for a person: the home page, theme pages, site search and the
digest compose these. Each one starts from ``Resource.objects.visible_to(user)``."""

from hub.core import text_search
from hub.library.models import Note, Resource


def _listing(qs):
    return qs.select_related("partnership", "shared_by").prefetch_related("themes")


def new_resources(user, *, since=None, limit=5, themes=None, exclude_partnerships=None):
    """The newest resources ``user`` may see, optionally since a time, on some themes, and
    leaving out those shared by some partnerships (e.g. the reader's own, in a digest)."""
    qs = Resource.objects.visible_to(user)
    if since is not None:
        qs = qs.filter(created_at__gt=since)
    if themes:
        qs = qs.filter(
            pk__in=Resource.themes.through.objects.filter(theme__in=themes).values("resource_id")
        )
    if exclude_partnerships:
        ids = [getattr(p, "pk", p) for p in exclude_partnerships]
        qs = qs.exclude(partnership_id__in=ids)
    qs = _listing(qs).order_by("-created_at", "-id")
    return list(qs[:limit]) if limit else qs


def resources_on_theme(user, theme, *, limit=5):
    """Resources on one theme, most useful first."""
    qs = Resource.objects.visible_to(user).filter(themes=theme)
    return list(_listing(qs).order_by("-useful_count", "-created_at")[:limit])


ORDERINGS = {
    "newest": ("-created_at", "-id"),
    "useful": ("-useful_count", "-created_at", "-id"),
}


def library_resources(
    user, *, resource_type=None, theme=None, partnership=None, since=None, sort="newest"
):
    """The library page's list: what ``user`` may see, filtered and sorted."""
    qs = Resource.objects.visible_to(user)
    if resource_type:
        qs = qs.filter(resource_type=resource_type)
    if theme is not None:
        # Through the link table, so the search backend only ever filters on the primary key.
        qs = qs.filter(
            pk__in=Resource.themes.through.objects.filter(theme=theme).values("resource_id")
        )
    if partnership is not None:
        qs = qs.filter(partnership_id=partnership.pk)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return _listing(qs).order_by(*ORDERINGS.get(sort, ORDERINGS["newest"]))


# Broad searches are ranked within their first matches only: the list counts no further
# than this ("more than 1,000") and nobody pages that far, so no search ranks every match.
RANK_WINDOW = 1000
SEARCHED = ("title", "description")


def search_resources(user, query, *, sort=None, **filters):
    """Full-text search over what ``user`` may see (``hub.core.text_search``): the stored,
    weighted ``search_vector`` on PostgreSQL, words in the title or description elsewhere.

    Best match first unless ``sort`` is "newest" or "useful"; ranking reads the first
    ``RANK_WINDOW`` matches from the index and only those, then joins what a page shows.
    """
    qs = library_resources(user, sort=sort or "newest", **filters)
    found = text_search.matching(qs, query, fields=SEARCHED, vector="search_vector", rank=False)
    if sort in ORDERINGS:
        return found
    if text_search.on_postgres():
        window = found.order_by().values("pk")[:RANK_WINDOW]
        found = _listing(Resource.objects.filter(pk__in=window))
    return text_search.best_first(
        found, query, fields=SEARCHED, vector="search_vector", then=ORDERINGS["newest"]
    )


def related_resources(resource, user, *, limit=4):
    """Other resources sharing a theme with ``resource``, most useful first."""
    theme_ids = [theme.pk for theme in resource.themes.all()]
    if not theme_ids:
        return []
    qs = (
        Resource.objects.visible_to(user)
        .filter(
            pk__in=Resource.themes.through.objects.filter(theme_id__in=theme_ids).values(
                "resource_id"
            )
        )
        .exclude(pk=resource.pk)
    )
    return list(_listing(qs).order_by("-useful_count", "-created_at")[:limit])


# The learning framework's evidence picker (hub.learning.evidence): stories, resources and
# notes a person may see, found by their words. Each starts from ``visible_to``.
EVIDENCE_LIMIT = 8


def evidence_matches(user, query, *, limit=EVIDENCE_LIMIT):
    """(resources, notes) matching ``query`` that ``user`` may see, best first: what a group
    may link as the evidence behind a judgement."""
    resources = text_search.matching(
        Resource.objects.visible_to(user).select_related("partnership"),
        query,
        fields=SEARCHED,
        then=("-created_at", "-id"),
    )
    notes = text_search.matching(
        Note.objects.visible_to(user).select_related("resource"),
        query,
        fields=("body",),
        then=("-created_at", "-id"),
    )
    return list(resources[:limit]), list(notes[:limit])


def evidence_item(user, kind, pk):
    """The resource or note ``pk`` when ``user`` may see it, else None (``kind`` is
    "resource" or "note")."""
    model = {"resource": Resource, "note": Note}.get(kind)
    if model is None:
        return None
    qs = model.objects.visible_to(user)
    if model is Note:
        qs = qs.select_related("resource")
    return qs.filter(pk=pk).first()


def evidence_prefetch():
    """The querysets a GenericPrefetch of linked evidence uses (a note comes with its
    resource, which its name and its ``can_view`` read)."""
    return [Resource.objects.all(), Note.objects.select_related("resource")]


def notes_for_harvest(user, *, since, until, theme=None):
    """ "What we learned using it" notes for the learning team's harvest: on resources shared
    with the whole programme (never a partnership-only one) that ``user`` may see, written in
    [since, until)."""
    from hub.library.models import Note, Visibility

    notes = Note.objects.visible_to(user).filter(
        created_at__gte=since,
        created_at__lte=until,
        resource__visibility__in=[Visibility.PUBLIC, Visibility.PROGRAMME],
    )
    if theme is not None:
        notes = notes.filter(
            resource_id__in=Resource.themes.through.objects.filter(theme=theme).values(
                "resource_id"
            )
        )
    return list(notes.select_related("author", "resource").order_by("-created_at", "-pk"))
