"""axe-core on every page a browser test visits, without the test asking.

Each browser context the suite makes (the ``page`` and ``phone_page`` fixtures, and any
``browser.new_context()`` a test calls itself) is watched: every document it loads is
checked by axe-core once loaded (a form sent back with its errors is a document too), and
each open page is checked again as it stands when the test ends. A violation fails the test
that visited the page.

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
        """async (tags) => {
            if (window.__hubAxeRun) await window.__hubAxeRun;  // axe runs one at a time
            return await axe.run(document, {runOnly: {type: 'tag', values: tags}}); }""",
        WCAG_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


# Runs in every document of a watched context (injected through DevTools, so the hub's
# Content-Security-Policy does not apply): when the page has loaded, axe-core checks it and
# reports to the test. A link followed or a form sent before the check is done waits for it,
# so no document is left unchecked. Nothing here changes what the page does.
IN_PAGE = """
(() => {
  if (window.top !== window) return;
  const ours = /^https?:$/.test(location.protocol)
    && !NOT_OURS.some(prefix => location.pathname.startsWith(prefix));
  if (!ours) return;
  let settled = false;
  window.addEventListener('load', () => {
    if (document.contentType !== 'text/html') return;
    window.__hubAxeRun = Promise.resolve().then(async () => {
      const result = await axe.run(document, {runOnly: {type: 'tag', values: TAGS}});
      window.__hubAxeChecked = document.body.innerHTML;
      await window.__hubAxeReport({
        url: location.href, title: document.title,
        violations: result.violations.map(v => ({id: v.id, help: v.help,
          targets: v.nodes.slice(0, 3).map(n => n.target)})),
      });
    }).catch(() => {}).finally(() => { settled = true; });
  });
  const hold = (event, again) => {
    if (settled || !window.__hubAxeRun || event.defaultPrevented) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    window.__hubAxeRun.then(again);
  };
  document.addEventListener('click', event => {
    const link = event.target.closest && event.target.closest('a[href]');
    if (link && !link.hasAttribute('download') && !link.getAttribute('href').startsWith('#')
        && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      hold(event, () => link.click());
    }
  }, true);
  document.addEventListener('submit', event => {
    const form = event.target, by = event.submitter;
    hold(event, () => form.requestSubmit(by && by.form === form ? by : undefined));
  }, true);
})();
"""


def _lines(violations):
    return [f"{v['id']}: {v['help']} -> {v['targets']}" for v in violations]


class Watcher:
    """Checks each document the watched contexts show, and keeps what it finds for one test."""

    def __init__(self):
        self.contexts = []
        self.found = []  # (address, violation lines)
        self.enabled = True

    def watch(self, context):
        """Check each document the context's pages load, and each page's last state."""
        if not self.enabled:
            return context
        self.contexts.append(context)
        if _axe_source_loaded():
            context.add_init_script(script=_axe_source)
        script = IN_PAGE.replace("NOT_OURS", json.dumps(list(NOT_OURS))).replace(
            "TAGS", json.dumps(WCAG_TAGS)
        )
        context.add_init_script(script=script)
        context.expose_binding("__hubAxeReport", self._report)
        real_new_page, real_close = context.new_page, context.close

        def new_page(*args, **kwargs):
            page = real_new_page(*args, **kwargs)
            for name in ("goto", "reload", "go_back", "go_forward"):
                setattr(page, name, _after_the_check(page, getattr(page, name)))
            return page

        context.new_page = new_page

        def close(*args, **kwargs):
            self.check_open_pages(context)
            return real_close(*args, **kwargs)

        context.close = close
        return context

    def _report(self, source, report):
        # Called from the page: only note what was found (no browser calls from here).
        _log(report["url"], report["title"], _lines(report["violations"]))
        if self.enabled and report["violations"]:
            self.found.append((report["url"], _lines(report["violations"])))

    def check_open_pages(self, context):
        for page in list(context.pages):
            if not page.is_closed():
                self.check(page.main_frame)

    def check(self, frame):
        """Run axe on the frame's document as it stands now, unless it is not the hub's or
        was checked in this very state."""
        if not self.enabled:
            return
        try:
            parts = urlsplit(frame.url)
            if parts.scheme not in ("http", "https") or parts.path.startswith(NOT_OURS):
                return
            unchanged = frame.evaluate(
                """async () => { if (window.__hubAxeRun) await window.__hubAxeRun;
                    return document.contentType !== 'text/html'
                        || window.__hubAxeChecked === document.body.innerHTML; }"""
            )
            if unchanged:
                return
            title = frame.evaluate("() => document.title")
            violations = axe_violations(frame)
        except Exception:
            # The document went away while being checked (a script navigated, the page
            # closed): nothing is left to check.
            return
        _log(frame.url, title, violations)
        if violations:
            self.found.append((frame.url, violations))

    def finish(self):
        """Check what every open page shows now, then stop watching."""
        for context in self.contexts:
            with contextlib.suppress(Exception):  # a context the test already closed
                self.check_open_pages(context)
        self.enabled = False
        return self.found


def _after_the_check(page, navigate):
    """``navigate`` (page.goto and the like), once the check of the document it leaves is
    done (a test may move on faster than axe-core)."""

    def wrapped(*args, **kwargs):
        with contextlib.suppress(Exception):  # nothing loaded yet, or it is going away
            page.main_frame.evaluate(
                "async () => { if (window.__hubAxeRun) await window.__hubAxeRun; }"
            )
        return navigate(*args, **kwargs)

    return wrapped


def _axe_source_loaded():
    global _axe_source
    if _axe_source is None:
        _axe_source = AXE.read_text()
    return True


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
