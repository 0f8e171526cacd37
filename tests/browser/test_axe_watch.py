"""The automatic axe-core check (tests/browser/axe.py) finds a violation on a page a test only
passes through, without the test asking: so a violation anywhere in the browser suite fails
the test that met it."""

import re

import pytest

from tests.browser import axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BROKEN = """<!doctype html><html lang="en-GB"><head><title>Broken</title></head>
<body><main><h1>A broken page</h1><img src="/static/none.png">
<form action="/help/" method="get"><button>Go on</button></form></main></body></html>"""


def test_a_page_passed_through_is_checked_and_its_violation_kept(page):
    # A page with an image without words, served in place of the hub's own.
    page.route(
        "**/axe-check-broken/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=BROKEN),
    )
    page.goto(page.base_url + "/axe-check-broken/")
    page.get_by_role("button", name="Go on").click()  # leave at once, as a test may
    page.wait_for_url(re.compile(r"/help/"))  # a GET form: /help/?
    page.get_by_role("heading", level=1).wait_for()

    found = axe.current.finish()
    assert [url for url, _ in found] == [page.base_url + "/axe-check-broken/"]
    assert "image-alt" in found[0][1][0]
    found.clear()  # it was broken on purpose; the hub's own help page had nothing


@pytest.mark.axe_exempt("shows a broken page on purpose")
def test_a_test_marked_axe_exempt_is_not_failed_by_the_check(page):
    page.route(
        "**/axe-check-broken/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=BROKEN),
    )
    page.goto(page.base_url + "/axe-check-broken/")
    assert axe.current.finish() == []
