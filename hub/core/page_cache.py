"""A page cache for visitors who are not signed in: public pages served from memory.

Only a request that cannot be personal is answered from the cache or stored in it:

- a GET or HEAD to one of ``settings.HUB_PAGE_CACHE_PATHS`` (the public pages: briefings,
  events, themes, the library's public lists, the plain pages), never the admin, accounts,
  tokens in links (invitations, unsubscribing, calendars) or the API;
- with no cookie other than the CSRF cookie (so nobody signed in, no session, no messages);
- stored only if the answer is a 200 HTML page with no cookie set, no ``private`` or
  ``no-store``, that varies on nothing but the cookie and compression, and did not use the
  CSRF token (a page with a form is never stored: its token belongs to one visitor).

Pages are kept in each process's memory (``HUB_PAGE_CACHE_SECONDS``, 60 by default; 0 turns
the cache off), under a version number kept in the shared default cache. Publishing or
unpublishing a page, and changing what public pages show (``HUB_PAGE_CACHE_PURGED_BY``:
registrations, resources, themes...), bumps the version, so every process drops its pages at
once. With the shared cache unreachable nothing is cached.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

VERSION_KEY = "page-cache-version"
HEADER = "X-Hub-Page-Cache"
_pages = LocMemCache("hub-page-cache", {"OPTIONS": {"MAX_ENTRIES": 2000, "CULL_FREQUENCY": 4}})
_ALLOWED_VARY = {"cookie", "accept-encoding"}


def seconds():
    return int(getattr(settings, "HUB_PAGE_CACHE_SECONDS", 0) or 0)


def version():
    """The current version, or None if the shared cache cannot be reached."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        current = cache.get(VERSION_KEY)
    return current


def purge(**_kwargs):
    """Drop every cached page in every process (now, and again when the change commits, so a
    request that read the old data meanwhile cannot keep it)."""

    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet (or the cache is down): nothing is cached under it
            cache.add(VERSION_KEY, 1, timeout=None)
        _pages.clear()

    bump()
    transaction.on_commit(bump)


def clear():
    """Forget this process's pages (tests)."""
    _pages.clear()


def connect():
    """Purge on publish and unpublish, and when a model in HUB_PAGE_CACHE_PURGED_BY changes."""
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(purge, dispatch_uid="hub-page-cache-published")
    page_unpublished.connect(purge, dispatch_uid="hub-page-cache-unpublished")
    post_delete.connect(_page_deleted, dispatch_uid="hub-page-cache-page-deleted")
    for label in getattr(settings, "HUB_PAGE_CACHE_PURGED_BY", []):
        model = apps.get_model(label)
        post_save.connect(purge, sender=model, dispatch_uid=f"hub-page-cache-save-{label}")
        post_delete.connect(purge, sender=model, dispatch_uid=f"hub-page-cache-delete-{label}")


def _page_deleted(sender, **kwargs):
    from wagtail.models import Page

    if issubclass(sender, Page):
        purge()


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not seconds():
        return False
    if any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES):
        return False
    path = request.path_info
    for prefix in settings.HUB_PAGE_CACHE_PATHS:
        if path == prefix if prefix == "/" else path.startswith(prefix):
            return not any(path.startswith(p) for p in settings.HUB_PAGE_CACHE_NEVER)
    return False


def _cacheable_response(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    control = {
        d.strip().split("=")[0].lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if control & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= _ALLOWED_VARY


def _key(request, current):
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 - a bad Host is refused further in, never cached
        return None
    digest = hashlib.sha256(f"{host}{request.get_full_path()}".encode()).hexdigest()
    return f"{current}:{digest}"


class AnonymousPageCacheMiddleware:
    """Serve visitors' public pages from memory; see the module's docstring for the rules."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        current = version()
        key = _key(request, current) if current is not None else None
        if key is None:
            return self.get_response(request)
        stored = _pages.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            headers = [(n, v) for n, v in response.items() if n.lower() != "content-length"]
            _pages.set(key, (response.status_code, headers, response.content), seconds())
            response[HEADER] = "miss"
        return response
