"""The whole-site privacy crawl (issue 15): every kind of private content carries a unique
marker, and a crawl of every address the hub can produce, as each role, finds each marker only
where that role may see it; so do the role's digest and notification emails.

How to add a new kind of private content (one table row):
1. Add a row to ``KINDS`` in tests/privacy/kinds.py: a short lower-case name and the roles
   allowed to see it (use the sets defined there, e.g. ``MEMBERS`` or ``THE_SET``).
2. In tests/privacy/world.py, create the content through its app's service with
   ``text("<name>")`` in it (its body, title, file or link).
3. If it has addresses of its own, make sure ``_candidates`` in tests/privacy/crawl.py fills
   them (a pattern whose arguments it cannot fill is skipped).
``test_every_kind_is_planted`` fails until the marker is in the world.

The world is seeded once per module inside a transaction that is rolled back at the end, so
the other tests never see it. Each role's test lists every (where, marker) leak it finds.
"""

import tempfile

from django.db import transaction
from django.test import Client, TestCase, override_settings

import pytest

from tests.privacy import crawl, kinds, world


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    files = tempfile.TemporaryDirectory()
    with django_db_blocker.unblock(), override_settings(LEARNING_SET_FILES_ROOT=files.name):
        from django.core import mail
        from django.core.cache import cache

        mail.outbox = []
        cache.clear()
        with transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                objects = world.seed()
            objects["emails"] = world.emails_by_role(objects["people"])
            yield objects
            transaction.set_rollback(True)
    files.cleanup()


# Kinds no page shows to anyone today (stricter than the table allows, so not a leak): a
# hidden response is kept from its author and officers too (the queue shows only its title);
# withdrawn words are erased from the bank, so nobody can find them. The profile words of
# someone hidden from the directory are theirs alone (they are not one of the crawl's roles),
# so no role finds them: only the leak check applies.
SHOWN_TO_NOBODY = {"responsehidden", "voicewithdrawn", "profilehidden"}

# What each role's crawl found, {role: {where: markers}}, kept for the completeness check.
FOUND = {}


def _crawl_as(seeded, role):
    """Crawl as ``role`` and read their digest and emails; return how many addresses."""
    person = seeded["people"][role]
    client = Client(raise_request_exception=False)
    if person is not None:
        client.force_login(person)
    found, fetched = crawl.crawl(client, crawl.seeds_for(person, seeded))
    if person is not None:
        found["their digest"] = kinds.markers_in(crawl.digest_text(person))
    found["their emails"] = kinds.markers_in(seeded["emails"].get(role, ""))
    FOUND[role] = found
    return fetched


def _leaks(role, where, found):
    """(where, kind) for every marker ``role`` may not see."""
    return [
        (where, crawl.kind_of(marker))
        for marker in sorted(found)
        if role not in kinds.ALLOWED.get(marker, frozenset())
    ]


@pytest.mark.parametrize("role", kinds.ROLES)
def test_each_marker_reaches_only_the_roles_allowed_to_see_it(seeded, db, role):
    fetched = _crawl_as(seeded, role)
    leaks = []
    for where, markers in FOUND[role].items():
        leaks += _leaks(role, where, markers)
    report = "\n".join(f"  {kind:22} at {where}" for where, kind in leaks)
    assert leaks == [], f"{role} saw what they may not ({fetched} addresses read):\n{report}"


def test_every_kind_is_planted(seeded, db):
    """Each row of the table is found by someone (so a row without content cannot pass)."""
    everything = set()
    for role in kinds.ROLES:
        if role not in FOUND:
            _crawl_as(seeded, role)
        for markers in FOUND[role].values():
            everything |= markers
    missing = [
        kind
        for kind, _allowed in kinds.KINDS
        if kinds.marker(kind) not in everything and kind not in SHOWN_TO_NOBODY
    ]
    assert missing == [], f"these kinds were never found by anyone: {missing}"
