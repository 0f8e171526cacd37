"""The address of a section's index page (the briefings, the events), without a query on
every page that links to it.

Home, My hub, theme pages and search each link "See all briefings" and "See all events",
which cost a query each to find the index page. The address is kept in the shared cache,
under the page cache's version (which publishing, unpublishing or deleting any page bumps)
and dropped when a page of that type is saved or deleted, so a new, moved or renamed index
is found afresh. With the cache down it is read from the database each time.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from hub.core import page_cache

SECONDS = 3600


def _key(model, current):
    return f"index-url:{model._meta.label_lower}:{current}"


def index_url(model):
    """The address of the first live page of ``model`` (None if there is none)."""
    current = page_cache.version()
    if current is not None:
        found = cache.get(_key(model, current))
        if found is not None:
            return found or None
    index = model.objects.live().first()
    url = index.url if index else None
    if current is not None:
        cache.set(_key(model, current), url or "", SECONDS)
    return url


def _page_changed(sender, **kwargs):
    from wagtail.models import Page

    if isinstance(sender, type) and issubclass(sender, Page):
        current = page_cache.version()
        if current is not None:
            cache.delete(_key(sender, current))


def connect():
    """Forget an index's address when a page of its type changes (from CoreConfig.ready)."""
    post_save.connect(_page_changed, dispatch_uid="hub-index-url-saved")
    post_delete.connect(_page_changed, dispatch_uid="hub-index-url-deleted")
