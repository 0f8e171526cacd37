"""axe-core on every page a browser test visits, without the test asking.

Each browser context the suite makes (the ``page`` and ``phone_page`` fixtures, and any
``browser.new_context()`` a test calls itself) is watched: just before the page leaves a
document (a link, a form sent, ``page.goto``) and when the test ends, axe-core runs on the
document as it stands, so error states (a form sent back with its errors) are checked as
well as the pages a test meant to look at. A violation fails the test that visited the page.

A test that renders a broken state on purpose opts out with
``@pytest.mark.axe_exempt("why")``; there should be almost none.

``HUB_AXE_LOG=path`` appends one JSON line per document checked (address, title, violation
ids), to count what the suite covers."""

import contextlib
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Wagtail's own admin is Wagtail's to keep accessible (it has its own axe checks); the
# hub's pages, account pages and error pages are ours.
NOT_OURS = ("/admin/", "/django-admin/")

_axe_source = None


def axe_violations(frame):
    """axe-core's WCAG 2.2 A/AA violations on the frame's document, as readable lines."""
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE.read_text()
    # Evaluated through the browser's DevTools, not as a <script> tag: the hub's
    # Content-Security-Policy rightly refuses inline scripts.
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.evaluate(_axe_source + "\n;undefined")
    result = frame.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
        WCAG_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


class Watcher:
    """Checks each document the watched contexts show, and keeps what it finds for one test."""

    def __init__(self):
        self.contexts = []
        self.found = []  # (address, violation lines)
        self.enabled = True

    def watch(self, context):
        """Check the document each of the context's pages is about to leave."""
        self.contexts.append(context)
        context.route("**/*", self._before_request)
        real_close = context.close

        def close(*args, **kwargs):
            self.check_open_pages(context)
            return real_close(*args, **kwargs)

        context.close = close
        return context

    def _before_request(self, route):
        request = route.request
        try:
            frame = request.frame
            leaving = request.is_navigation_request() and frame.parent_frame is None
        except Exception:  # a service worker's request has no frame: nothing to leave
            leaving = False
        if leaving:
            self.check(frame)
        route.fallback()

    def check_open_pages(self, context):
        for page in list(context.pages):
            if not page.is_closed():
                self.check(page.main_frame)

    def check(self, frame):
        """Run axe on the frame's document unless it is not one of the hub's pages."""
        if not self.enabled:
            return
        try:
            url = frame.url
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.path.startswith(NOT_OURS):
                return
            if frame.evaluate("() => document.contentType") != "text/html":
                return
            if frame.evaluate("() => window.__hubAxeChecked === document.body.innerHTML"):
                return  # the same document in the same state was checked a moment ago
            title = frame.evaluate("() => document.title")
            violations = axe_violations(frame)
            frame.evaluate("() => { window.__hubAxeChecked = document.body.innerHTML; }")
        except Exception:
            # The document went away while being checked (a script navigated, the page
            # closed): nothing is left to check, and the test's own steps will say if
            # something is wrong.
            return
        _log(url, title, violations)
        if violations:
            self.found.append((url, violations))

    def finish(self):
        """Check what every open page shows now, then stop watching."""
        for context in self.contexts:
            with contextlib.suppress(Exception):  # a context the test already closed
                self.check_open_pages(context)
        self.enabled = False
        return self.found


def _log(url, title, violations):
    path = os.environ.get("HUB_AXE_LOG")
    if not path:
        return
    parts = urlsplit(url)
    address = parts.path + (f"?{parts.query}" if parts.query else "")
    line = {"address": address, "title": title, "violations": violations}
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")


def report(found):
    """The failure message for violations found on the pages a test visited."""
    return "axe-core found violations on pages this test visited:\n" + "\n".join(
        f"{url}:\n  " + "\n  ".join(lines) for url, lines in found
    )
