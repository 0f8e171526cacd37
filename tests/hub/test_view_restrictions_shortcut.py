"""Wagtail's own page privacy still holds when its check is read from the cache: a page given
a view restriction after the hub noted "there are none" is refused at once, and the check is
free again once the restriction goes (hub.core.view_restrictions)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from briefings.factories import create_briefing

pytestmark = pytest.mark.django_db


def _restriction_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured if "pageviewrestriction" in q["sql"].lower()]


def test_a_restriction_added_after_the_none_was_noted_is_applied_at_once(client):
    briefing = create_briefing(title="What families told us")
    response, queries = _restriction_queries(client, briefing.url)  # notes "none" (one query)
    assert response.status_code == 200 and "What families told us" in response.content.decode()
    response, queries = _restriction_queries(client, briefing.url)
    assert response.status_code == 200 and queries == []  # from the cache: no query

    restriction = PageViewRestriction.objects.create(
        page=briefing, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-pass"
    )
    response, _ = _restriction_queries(client, briefing.url)
    html = response.content.decode()
    assert 'name="password"' in html  # Wagtail's password form, not the briefing
    assert "Thematic briefings" not in html

    restriction.delete()
    response, _ = _restriction_queries(client, briefing.url)
    html = response.content.decode()
    assert 'name="password"' not in html and "Thematic briefings" in html
