"""Shared fixtures. On CI (CI=true) the real PostgreSQL and Redis must be there: no skipping."""

import importlib
import os
import socket

from django.conf import settings
from django.core.cache import cache
from django.db import connection

import pytest

from hub.people.factories import (
    FacilitatorFactory,
    MembershipFactory,
    OfficerFactory,
    PartnershipFactory,
    UserFactory,
)
from hub.people.models import Membership
from tests.browser import axe

IN_CI = os.environ.get("CI", "").lower() == "true"


def redis_available():
    url = getattr(settings, "REDIS_URL", None)
    if not url:
        return False
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session", autouse=True)
def _real_services_in_ci(django_db_setup, django_db_blocker):
    """On CI the suite runs against the machine's PostgreSQL and Redis, or fails."""
    if not IN_CI:
        return
    with django_db_blocker.unblock():
        assert connection.vendor == "postgresql", "CI must test on PostgreSQL"
    assert "RedisCache" in settings.CACHES["default"]["BACKEND"], "CI must use the Redis cache"
    cache.set("hub-ci-probe", "ok", 5)
    assert cache.get("hub-ci-probe") == "ok", "Redis is not answering"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and request caches live here; each test starts clean.
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _restore_migrated_data(request):
    """Transactional tests (browser, concurrency, real workers) empty the database after each
    one: put back what the data migrations made (the programme groups, the home page as site
    root) before the next one runs. Index pages heal themselves in each app's factories."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if not (transactional or "live_server" in request.fixturenames):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps as real_apps
    from django.contrib.auth.models import Group

    from wagtail.models import Page, Site

    if Site.objects.exists() and Group.objects.filter(name="Programme officers").exists():
        return
    people_0002 = importlib.import_module("hub.people.migrations.0002_programme_groups")
    core_0002 = importlib.import_module("hub.core.migrations.0001_squashed_0003_outbox")
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # ids changed when the database was flushed
    Page.objects.all().delete()
    from wagtail.models import Locale

    locale = Locale.objects.get_or_create(language_code="en-gb")[0]
    Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    people_0002.create_groups(real_apps, None)
    core_0002.create_home(real_apps, None)


@pytest.fixture
def assert_flat_queries():
    """``check(run, grow, small=1, large=10, before=None)``: assert ``run()`` costs as many
    queries with ``large`` as with ``small`` of everything.

    ``grow(n)`` adds n more of whatever ``run`` lists (called with ``small``, then with
    ``large - small``); ``run()`` does the work once (e.g. gets a page and checks what it
    says). Each measurement follows a warm-up run, so caches (Wagtail's site root paths) are
    as a returning visitor finds them. ``before()``, if given, runs ahead of each ``run()``
    and is not counted (e.g. to make each request the first of a sitting). Returns the count,
    for a ceiling if a test wants one.
    """
    from django.test.utils import CaptureQueriesContext

    from zeal import zeal_context

    def measure(run, before):
        before()
        run()
        before()
        # django-zeal fails the run on an N+1 (a relation loaded once per row).
        with CaptureQueriesContext(connection) as captured, zeal_context():
            run()
        return [query["sql"] for query in captured.captured_queries]

    def check(run, grow, *, small=1, large=10, before=None):
        before = before or (lambda: None)
        grow(small)
        few = measure(run, before)
        grow(large - small)
        many = measure(run, before)
        assert len(few) == len(many), (
            f"{len(few)} queries with {small}, {len(many)} with {large}:\n"
            + "\n".join(q for q in many if q not in few)
        )
        return len(few)

    return check


@pytest.fixture
def partnership(db):
    return PartnershipFactory(name="Harbourside Families Together", locality="Portsmouth")


@pytest.fixture
def other_partnership(db):
    return PartnershipFactory(name="Pennine Early Help Alliance", locality="Calderdale")


@pytest.fixture
def member(partnership):
    person = UserFactory(email="member@example.org", display_name="Maya Member")
    MembershipFactory(person=person, partnership=partnership)
    return person


@pytest.fixture
def lead(partnership):
    person = UserFactory(email="lead@example.org", display_name="Liam Lead")
    MembershipFactory(person=person, partnership=partnership, role=Membership.Role.LEAD)
    return person


@pytest.fixture
def outsider(other_partnership):
    """A member of a different partnership."""
    person = UserFactory(email="outsider@example.org", display_name="Owen Outsider")
    MembershipFactory(person=person, partnership=other_partnership)
    return person


@pytest.fixture
def officer(db):
    """A programme officer who has already set up two-step sign-in."""
    from allauth.mfa.totp.internal.auth import TOTP

    person = OfficerFactory(email="officer@example.org", display_name="Olu Officer")
    TOTP.activate(person, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return person


@pytest.fixture
def facilitator(db):
    """A facilitator who has already set up two-step sign-in (everyone with the admin must)."""
    from allauth.mfa.totp.internal.auth import TOTP

    person = FacilitatorFactory(email="facilitator@example.org", display_name="Rosa Facilitator")
    TOTP.activate(person, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return person


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as ``user`` (None for a visitor)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        # Every context a test makes, the fixtures' or its own, is watched by axe-core.
        real_new_context = browser.new_context

        def new_context(*args, **kwargs):
            context = real_new_context(*args, **kwargs)
            if kwargs.get("java_script_enabled") is False:
                return context  # axe-core is a script: a page without scripts cannot run it
            return axe.current.watch(context)

        browser.new_context = new_context
        yield browser
        browser.close()


def pytest_collection_modifyitems(config, items):
    """Refuse ``serialized_rollback``: it reloads the migrated rows with their old ids, which
    clash with the rows a flush by an earlier transactional test has re-created with new ids
    (a duplicate content type, depending on which tests a worker happens to run first).
    ``_restore_migrated_data`` puts back what the migrations made, for every such test."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True) without serialized_rollback"
            )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # A fresh record of the pages this test's browsers show (cheap: nothing runs until a
    # test makes a browser context).
    axe.current = axe.Watcher()
    axe.current.enabled = item.get_closest_marker("axe_exempt") is None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test that passed fails if axe-core found a violation on any page it visited."""
    result = yield
    found = axe.current.finish()
    if found:
        raise AssertionError(axe.report(found))
    return result


def _browser_page(browser, live_server, width, height):
    """A fresh browser context and page on the live server, closed after the test."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server):
    yield from _browser_page(browser, live_server, 1280, 900)


@pytest.fixture
def phone_page(browser, live_server):
    """A 320 px wide screen, like a small phone."""
    yield from _browser_page(browser, live_server, 320, 640)
