"""Browser test helpers: axe-core from its npm package (never a CDN), and the skip rule.

The Playwright fixtures (``browser``, ``page``, ``phone_page``) live in tests/conftest.py so
that any app's tests share the one Playwright instance a session may run."""

import os
import shutil
from pathlib import Path

import pytest

from .axe import AXE, axe_violations

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"

# Playwright's sync API runs an event loop in this thread; the ORM calls in these tests are
# ordinary synchronous code, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    missing = [
        what
        for what, ok in [
            ("Debian's chromium", Path(CHROMIUM).exists() or shutil.which("chromium")),
            ("axe-core (npm ci)", AXE.exists()),
        ]
        if not ok
    ]
    if not missing:
        return
    if IN_CI:
        raise pytest.UsageError(f"Browser tests cannot run on CI without: {', '.join(missing)}")
    skip = pytest.mark.skip(reason=f"Browser tests skipped: missing {', '.join(missing)}")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


def assert_accessible(page):
    """axe-core finds no WCAG 2.2 A/AA violations on the page as it stands."""
    violations = axe_violations(page.main_frame)
    assert violations == [], f"axe-core violations on {page.url}:\n" + "\n".join(violations)


def assert_fits_width(page):
    """Nothing scrolls sideways (WCAG reflow at 320 px)."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"The page scrolls sideways by {overflow}px at {page.url}"


def sign_in(page, email, password=None, totp_secret=None):
    """Sign in through allauth's page as a person would, and land on the home page.

    ``totp_secret``: for people with two-step sign-in (everyone with the admin), type the
    authenticator app's current code when asked."""
    import re

    from hub.people.factories import DEMO_PASSWORD

    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password or DEMO_PASSWORD)
    page.keyboard.press("Enter")
    if totp_secret:
        from allauth.mfa.totp.internal.auth import (
            format_hotp_value,
            hotp_value,
            yield_hotp_counters_from_time,
        )

        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        counter = next(iter(yield_hotp_counters_from_time()))
        page.fill("#id_code", format_hotp_value(hotp_value(totp_secret, counter)))
        page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/my-hub/")


def tab_to(page, matches, limit=80):
    """Press Tab until the focused element's id, text or value matches; fail if it never does."""
    import re

    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement;
                return [e.id || '', (e.textContent || '').trim(), e.value || ''].join('|'); }"""
        )
        if re.search(matches, focused):
            return
    raise AssertionError(f"Never reached {matches!r} with the Tab key")
