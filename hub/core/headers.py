"""Response headers every page gets: its Content-Security-Policy, what the browser may let it
use (Permissions-Policy), who may cache it, and compression for text.

The hub's own pages run under the strict policy in ``settings.CONTENT_SECURITY_POLICY``: only
the hub's own scripts and stylesheets, so a piece of stored markup that slipped past escaping
still cannot run. The Wagtail admin writes inline scripts and styles, so everything under
``/admin/`` gets ``settings.HUB_ADMIN_CONTENT_SECURITY_POLICY`` instead.
"""

import base64
import hashlib
from html.parser import HTMLParser

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers

from csp.middleware import CSPMiddleware
from csp.utils import default_config

ADMIN_PREFIX = "/admin/"
# Responses a browser or proxy could keep and hand to the next person if they depend on who
# is signed in: JSON (search, mentions, the API) and calendars.
SESSION_DEPENDENT_TYPES = ("application/json", "text/calendar")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        """The policy for this response: the admin's for /admin/, unless a view chose one."""
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(settings.HUB_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


# Text worth compressing; images, PDFs, office files and archives are compressed already.
COMPRESSIBLE_TYPES = (
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
)


class CompressTextMiddleware(GZipMiddleware):
    """Django's gzip middleware for pages, feeds, calendars and JSON only.

    Static files are compressed ahead of time by whitenoise, and an uploaded PDF or image gains
    nothing from gzip but loses its length (and so the download's progress bar). Django's
    middleware adds random bytes to each compressed response against BREACH.
    """

    def process_response(self, request, response):
        """Compress the response if it is text; leave anything else as it is."""
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type.startswith("text/") or content_type in COMPRESSIBLE_TYPES:
            return super().process_response(request, response)
        return response


class PermissionsPolicyMiddleware:
    """Tell browsers the hub never uses the camera, microphone or location (nor lets an
    embedded video ask for them): ``settings.HUB_PERMISSIONS_POLICY``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.HUB_PERMISSIONS_POLICY)
        return response


class PrivateCacheMiddleware:
    """Mark what is personal as ``Cache-Control: private`` so no shared cache keeps it.

    Every response to a signed-in person is private (and varies on the cookie), and so is any
    JSON or calendar response to a request that carries a session. Public pages seen by a
    visitor are left as they are, so a proxy may still cache them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        # Middleware reads the session on every request, so "did anything read it" says
        # nothing; a request that carries a session cookie may have been answered from it.
        session_dependent = (
            content_type in SESSION_DEPENDENT_TYPES
            and settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        if signed_in or session_dependent:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class _StyleCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.attributes, self._in_style = [], [], False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        if self._in_style:
            self.blocks.append("")
        for name, value in attrs:
            if name == "style" and value:
                self.attributes.append(value)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.blocks[-1] += data


def _sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def allow_styles_of(response, html):
    """Let exactly the inline styles of one trusted HTML document (an email) apply.

    A ``srcdoc`` iframe inherits the page's policy, so an email's ``<style>`` block and style
    attributes would be blocked; this adds their hashes (and nothing else) to the page's
    style-src. Only for HTML the hub rendered itself with autoescaping."""
    collector = _StyleCollector()
    collector.feed(html)
    collector.close()
    hashes = sorted({_sha256(text) for text in collector.blocks + collector.attributes})
    if hashes:
        extra = (["'unsafe-hashes'"] if collector.attributes else []) + hashes
        response._csp_update = {"style-src": extra}
    return response
