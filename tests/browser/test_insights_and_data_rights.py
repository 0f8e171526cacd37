"""Insights, the data download and closing an account, in a browser (issue 14): axe-core
finds nothing on each page and its error state (the charts included), at desktop width and at
320 px, and the keyboard alone reaches the CSV links and each form's button."""

import re
import zipfile
from pathlib import Path

import pytest

from hub.people.factories import member_of
from tests.insights.conftest import PERIOD, world  # noqa: F401

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # the officer fixture's authenticator
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 320, "height": 640}


def _both_widths(page):
    """axe-core and reflow at desktop width, then at 320 px (left at desktop width)."""
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert_accessible(page)
        if size is PHONE:
            assert_fits_width(page)
    page.set_viewport_size(DESKTOP)


def _query(**params):
    return "&".join(f"{key}={value}" for key, value in {**PERIOD, **params}.items())


def test_insights_with_a_period_and_a_partnership(page, world, officer):  # noqa: F811
    partnership = world["partnership"]
    sign_in(page, officer.email, totp_secret=TOTP_SECRET)
    page.goto(page.base_url + "/insights/?" + _query())
    assert page.locator("svg.chart").count() == 9
    _both_widths(page)

    # Choose the partnership with the keyboard alone and send the form.
    page.locator("h1").focus()
    tab_to(page, r"^id_partnership\|")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == str(partnership.pk):
            break
        page.keyboard.press("ArrowDown")
    tab_to(page, r"\|Show the figures\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"partnership={partnership.pk}"))
    main = page.locator("main").inner_text()
    assert page.locator("svg.chart").count() == 9
    assert "Pennine Early Help Alliance" not in page.locator("#active-by-month-table").inner_text()
    assert "Harbourside Families Together" in main
    _both_widths(page)

    # Tab reaches a CSV link, and Enter downloads exactly that chart's figures.
    tab_to(page, r"Download these figures as a spreadsheet \(CSV\): Questions")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[:3] == ["Questions,Number", "Asked,2", "Answered,1"]


def test_insights_error_state(page, officer):
    sign_in(page, officer.email, totp_secret=TOTP_SECRET)
    page.goto(page.base_url + "/insights/?start=2026-03-01&end=2026-01-01")
    summary = page.locator(".error-summary")
    assert "The last day must be the same as or after the first day" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert page.locator("svg.chart").count() == 0
    assert page.locator("#id_end").input_value() == "2026-01-01"  # what was typed is kept
    _both_widths(page)
    page.locator("h1").focus()
    tab_to(page, r"\|Show the figures\|")


@pytest.fixture
def closer(partnership):
    return member_of(partnership, email="closer@example.org", display_name="Zed Closerton")


def test_the_export_page_downloads_by_keyboard(page, closer):
    sign_in(page, closer.email)
    page.goto(page.base_url + "/profile/my-data/")
    _both_widths(page)
    tab_to(page, r"\|Download your data\|")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    names = zipfile.ZipFile(download.value.path()).namelist()
    assert "account/profile.json" in names and "account/profile.csv" in names


def test_the_close_account_page_and_its_errors(page, closer):
    sign_in(page, closer.email)
    page.goto(page.base_url + "/profile/close/")
    _both_widths(page)
    tab_to(page, r"^id_contributions_0\|")  # a radio group is one Tab stop
    page.keyboard.press("ArrowDown")  # "Remove it"
    tab_to(page, r"\|Close my account\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Tick the box to say you understand" in page.locator(".error-summary").inner_text()
    assert page.locator("#id_contributions_1").is_checked()  # the choice is kept
    assert page.title() == "Error: Close your account · The hub"  # said once
    _both_widths(page)
    closer.refresh_from_db()
    assert closer.is_active


def test_an_officer_closes_an_account_by_keyboard(page, officer, closer):
    sign_in(page, officer.email, totp_secret=TOTP_SECRET)
    page.goto(page.base_url + f"/people/{closer.pk}/close/")
    _both_widths(page)
    tab_to(page, r"\|Continue\|")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "Enter why the account is being closed" in page.locator(".error-summary").inner_text()
    _both_widths(page)

    page.focus("#id_reason")
    page.keyboard.type("Asked by phone on 1 December")
    tab_to(page, r"^id_contributions_0\|")  # "Keep it"
    page.keyboard.press("Space")
    tab_to(page, r"\|Continue\|")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=for good?")
    _both_widths(page)
    tab_to(page, r"\|Close the account\|")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/people/closed/$"))
    table = page.locator("#closures").inner_text()
    assert "Asked by phone on 1 December" in table and "Olu Officer" in table
    _both_widths(page)
    closer.refresh_from_db()
    assert not closer.is_active
