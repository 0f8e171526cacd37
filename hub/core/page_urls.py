"""Page addresses for lists: the site root paths read once per list, not once per page.

Wagtail works out a page's address from the sites' root paths, which it reads from the
cache (Redis in production) once for each page object it is asked about when no request is
given (``page.url`` in a template, ``page.get_url()`` in a feed). A list of 40 events was 40
cache round trips. :func:`share_root_paths` reads them once (from the request's copy when
there is one) and hands the same copy to every page of the list, as Wagtail itself does for
pages given the request.
"""

from wagtail.models import Site

# Where Wagtail keeps its copy on a request or a page (wagtail.models.Page._get_site_root_paths).
_CACHED = "_wagtail_cached_site_root_paths"


def share_root_paths(pages, request=None):
    """Give every page in ``pages`` the same copy of the site root paths; returns ``pages``.

    With ``request``, its copy is used (and made if it has none yet), so the whole request
    reads them at most once.
    """
    pages = list(pages) if not isinstance(pages, list) else pages
    if not pages:
        return pages
    if request is not None:
        paths = getattr(request, _CACHED, None)
        if paths is None:
            paths = Site.get_site_root_paths()
            setattr(request, _CACHED, paths)
    else:
        paths = Site.get_site_root_paths()
    for page in pages:
        if not hasattr(page, _CACHED):
            setattr(page, _CACHED, paths)
    return pages
