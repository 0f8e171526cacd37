"""A briefing as an A4 PDF, made by WeasyPrint when it is installed, cached per revision."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string

CACHE_SECONDS = 60 * 60 * 24 * 30


class PdfUnavailable(Exception):
    """WeasyPrint (or its system libraries) is not installed here."""


def pdf_available():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def cache_key(page):
    # A new revision makes a new key, so an edited briefing never serves a stale PDF.
    return f"briefings:pdf:{page.pk}:{page.latest_revision_id or 0}"


def _local_file(url):
    """(bytes, mime type) for a /static/ or /media/ URL, read from disk; None otherwise."""
    for prefix, resolve in (
        (settings.STATIC_URL, finders.find),
        (settings.MEDIA_URL, lambda rel: str(Path(settings.MEDIA_ROOT) / rel)),
    ):
        marker = url.find(prefix)
        if marker != -1:
            relative = url[marker + len(prefix) :].split("?")[0]
            path = resolve(relative)
            if path and Path(path).resolve().is_file():
                return Path(path).read_bytes(), mimetypes.guess_type(path)[0]
    return None


def _url_fetcher():
    """A fetcher that never uses the network (WeasyPrint 68+ classes, or the older function)."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher") and hasattr(urls, "URLFetcherResponse"):

        class LocalFetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                found = _local_file(url)
                if found is None:
                    raise ValueError(f"Not fetched: {url}")
                return urls.URLFetcherResponse(
                    url, body=found[0], headers={"Content-Type": found[1] or "text/plain"}
                )

        return LocalFetcher()

    def fetch(url, *args, **kwargs):
        found = _local_file(url)
        if found is None:
            raise ValueError(f"Not fetched: {url}")
        return {"string": found[0], "mime_type": found[1]}

    return fetch


def render_briefing_pdf(page):
    """The briefing's PDF bytes: from the cache, or rendered once for this revision."""
    key = cache_key(page)
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error)) from error
    html = render_to_string("briefings/briefing_pdf.html", {"page": page, "request": None})
    pdf = weasyprint.HTML(
        string=html, base_url=settings.HUB_BASE_URL + "/", url_fetcher=_url_fetcher()
    ).write_pdf()
    cache.set(key, pdf, CACHE_SECONDS)
    return pdf
