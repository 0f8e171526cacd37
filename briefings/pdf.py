"""A briefing as an A4 PDF, made by WeasyPrint when it is installed, cached per revision."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from hub.core import content_versions
from hub.core.private_files import private_root

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
    # A new revision makes a new key, so an edited briefing never serves a stale PDF; so does a
    # change in the voice bank (words quoted live from it, or withdrawn).
    voices = content_versions.version("voices")
    return f"briefings:pdf:{page.pk}:{page.latest_revision_id or 0}:{voices}"


def _inside(path, root):
    """True when ``path`` (already resolved) is ``root`` or below it."""
    return path.is_relative_to(Path(root).resolve())


def _static_path(relative):
    """A static file: found by the staticfiles finders (each keeps to its own folder), or
    under STATIC_ROOT (collected files in production); never anywhere else."""
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if found:
        return Path(found).resolve()
    if settings.STATIC_ROOT:
        path = (Path(settings.STATIC_ROOT) / relative).resolve()
        if _inside(path, settings.STATIC_ROOT):
            return path
    return None


def _media_path(relative):
    """A public media file (an image in a briefing) under MEDIA_ROOT; never a private one."""
    path = (Path(settings.MEDIA_ROOT) / relative).resolve()
    if not _inside(path, settings.MEDIA_ROOT):
        return None
    # Documents are served only by Wagtail's permission-checked view, and private files (in
    # case their root is ever put inside MEDIA_ROOT) only by theirs: a PDF embeds neither.
    if _inside(path, private_root()) or _inside(path, Path(settings.MEDIA_ROOT) / "documents"):
        return None
    return path


def _local_file(url):
    """(bytes, mime type) for a /static/ or /media/ URL, read from disk; None otherwise.

    The path is decoded and resolved (``..`` and links followed) before it is checked, so it
    stays inside STATIC_ROOT (or a static folder) or MEDIA_ROOT: ``/media/../../etc/passwd``
    and its encoded forms are refused, and so is any private file.
    """
    path = unquote(urlsplit(url).path)
    if "\x00" in path:
        return None
    # The hub may live below a path of its host (HUB_BASE_URL "https://example.org/hub").
    site_path = urlsplit(settings.HUB_BASE_URL).path.rstrip("/")
    if site_path and path.startswith(site_path + "/"):
        path = path[len(site_path) :]
    for url_prefix, resolve in (
        (settings.STATIC_URL, _static_path),
        (settings.MEDIA_URL, _media_path),
    ):
        prefix = urlsplit(url_prefix or "").path
        if prefix and path.startswith(prefix):
            found = resolve(path[len(prefix) :])
            if found is not None and found.is_file() and not _inside(found, private_root()):
                return found.read_bytes(), mimetypes.guess_type(str(found))[0]
            return None
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
