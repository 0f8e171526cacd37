"""Query counts on the index and a briefing page stay flat with ten times the briefings."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from briefings import services
from briefings.factories import create_briefing, days_ago
from hub.themes.factories import ThemeFactory


def _count(client, url):
    client.get(url)  # warm per-process caches (content types, site root)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add(n, themes, start=0):
    for i in range(start, start + n):
        create_briefing(
            title=f"Briefing about {i}",
            themes=themes,
            publication_date=days_ago(i),
        )


def test_index_and_briefing_queries_do_not_grow(client_for, member, index):
    themes = [ThemeFactory(name="Early action"), ThemeFactory(name="Scaling deep")]
    _add(2, themes)
    page = create_briefing(title="The one we read", themes=themes)
    prompt_id = page.prompts[0][0]
    services.respond(member, page, prompt_id, "A first response")
    urls = ["/briefings/", "/briefings/?theme=early-action", page.url]
    small = {}
    for who in (None, member):
        client = client_for(who)
        small[who] = [_count(client, url) for url in urls]

    _add(18, themes, start=2)  # ten times the briefings, and ten times the responses
    for n in range(9):
        services.respond(member, page, prompt_id, f"Response {n}")
    for who in (None, member):
        client = client_for(who)
        assert [_count(client, url) for url in urls] == small[who], who
    print(f"queries (index, filtered, briefing): visitor {small[None]}, member {small[member]}")


def test_latest_briefings_since_and_limit(member, index):
    from django.utils import timezone

    from briefings.queries import latest_briefings

    old = create_briefing(title="Before the last digest", publication_date=days_ago(20))
    cutoff = timezone.now()
    new = create_briefing(title="Since the last digest", publication_date=days_ago(0))
    assert latest_briefings(member, since=cutoff) == [new]
    assert latest_briefings(member, limit=1) == [new]
    assert old in latest_briefings(member)
