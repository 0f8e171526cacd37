"""Key pages stay within their query budget, the same with 1 or 10 of everything.

Budgets from issue 16: at most 12 queries for a detail page and 15 for a listing, signed in
or not. Where a page is still over, its ceiling here is today's count, so it cannot grow;
lower it as the causes go. What keeps them there: the bell's unread count, the person's
learning sets and their role checks come in one query (``hub.people.roles``); Wagtail's view
restriction check and the index pages' addresses come from the cache. Each test is also an
N+1 check: ``assert_flat_queries`` names the queries that appear only with more data.
"""

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

import pytest

from briefings.factories import create_briefing
from events.factories import EventPageFactory, RegistrationFactory
from hub.library.factories import NoteFactory, ResourceFactory
from hub.partnerships.factories import ReplyFactory, ThreadFactory
from hub.people.factories import MembershipFactory, UserFactory, member_of
from hub.questions.factories import AnswerFactory, QuestionFactory
from hub.themes.factories import ThemeFactory
from learning_sets import services as set_services
from learning_sets.factories import make_set

pytestmark = pytest.mark.django_db
DETAIL, LISTING = 12, 15


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Early action")


def _get(client, url):
    def run():
        response = client.get(url)
        assert response.status_code == 200
        return response

    return run


# Today's counts (issue 16): the page, its themes, authors, related briefings, hero image and
# voice-bank words; for members also the responses with their thanks in one query.
@pytest.mark.parametrize("signed_in, ceiling", [(False, 8), (True, DETAIL)])
def test_a_briefing_page(
    client_for, member, partnership, theme, assert_flat_queries, signed_in, ceiling
):
    from briefings import services as briefings_services
    from briefings.factories import demo_image, simple_body
    from hub.core import thanks
    from hub.voices.factories import make_voice

    # As the seeded briefings are: a hero image, words from the voice bank, prompts that
    # members respond to (some for their partnership only), and thanks for the responses.
    body = [*simple_body(), ("bank_voice", {"voice": make_voice("Words from the bank.")})]
    briefing = create_briefing(
        title="What families told us", themes=[theme], body=body, hero_image=demo_image()
    )
    prompt_id = briefing.prompts[0][0]
    briefings_services.respond(member, briefing, prompt_id, "My own response")
    client = client_for(member if signed_in else None)

    def grow(n):
        for i in range(n):
            create_briefing(title=f"Related {i}", themes=[theme])
            briefing.authors.add(member_of(partnership))
            writer = member_of(partnership)
            shared = partnership if i % 2 else None
            response = briefings_services.respond(writer, briefing, prompt_id, f"Yes {i}", shared)
            thanks.toggle(member, response)

    count = assert_flat_queries(_get(client, briefing.url), grow)
    assert count <= ceiling


@pytest.mark.parametrize("signed_in, ceiling", [(False, DETAIL), (True, DETAIL)])
def test_an_event_page(client_for, member, theme, assert_flat_queries, signed_in, ceiling):
    event = EventPageFactory(title="Open huddle", audience="public", themes=[theme], capacity=50)
    client = client_for(member if signed_in else None)

    def grow(n):
        for _ in range(n):
            RegistrationFactory(event=event, person=UserFactory())
            EventPageFactory(audience="public", themes=[theme])

    count = assert_flat_queries(_get(client, event.url), grow)
    assert count <= ceiling


# Today's counts: each card's places and the person's own status come with the events.
@pytest.mark.parametrize("signed_in, ceiling", [(False, 6), (True, 9)])
def test_the_events_index(client_for, member, theme, assert_flat_queries, signed_in, ceiling):
    now = timezone.now()
    client = client_for(member if signed_in else None)

    def grow(n):
        for i in range(n):
            event = EventPageFactory(
                audience="public", themes=[theme], start=now + timedelta(days=i + 1)
            )
            RegistrationFactory(event=event, person=UserFactory())

    count = assert_flat_queries(_get(client, "/events/"), grow)
    assert count <= ceiling


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_briefings_index(client_for, member, theme, assert_flat_queries, signed_in):
    client = client_for(member if signed_in else None)

    def grow(n):
        for i in range(n):
            create_briefing(title=f"Briefing {i}", themes=[theme])

    count = assert_flat_queries(_get(client, "/briefings/"), grow)
    assert count <= LISTING


# Today's counts, under the listing budget (seeded data at 10x: 14 with every section found;
# a briefing's themes are not read for a search result).
@pytest.mark.parametrize("signed_in, ceiling", [(False, 3), (True, 11)])
def test_site_search(client_for, member, theme, assert_flat_queries, signed_in, ceiling):
    client = client_for(member if signed_in else None)

    def grow(n):
        for i in range(n):
            create_briefing(title=f"Families briefing {i}", themes=[theme])
            # With places and registration open: "Register" on each once cost a query each.
            EventPageFactory(
                title=f"Families huddle {i}", audience="public", themes=[theme], capacity=20
            )

    # From two of each: with fewer than FEW results the page also looks for a typing mistake
    # (its titles' query per kind), which is not the same page.
    count = assert_flat_queries(_get(client, "/search/?q=families"), grow, small=2)
    # SQLite (a laptop's run) cannot slice the parts of one UNION, so a member's search asks
    # for matching questions and matching answers separately (hub.questions.queries).
    asks_twice = signed_in and not connection.features.supports_slicing_ordering_in_compound
    assert count <= ceiling + asks_twice


def test_a_resource_and_its_notes(client_for, member, partnership, theme, assert_flat_queries):
    resource = ResourceFactory(partnership=partnership, shared_by=member, themes=[theme])
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            NoteFactory(resource=resource, author=member_of(partnership))
            resource.themes.add(ThemeFactory())

    # Notes come with their thanks in one query (12 before).
    assert assert_flat_queries(_get(client, f"/library/{resource.pk}/"), grow) <= 10


def test_a_question_and_its_answers(client_for, member, assert_flat_queries):
    question = QuestionFactory(author=member)
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            AnswerFactory(question=question, author=UserFactory())

    assert assert_flat_queries(_get(client, f"/questions/{question.pk}/"), grow) <= DETAIL


def test_a_set_space(client_for, member, facilitator, assert_flat_queries):
    learning_set = make_set(name="Set zero", facilitators=[facilitator], members=[member])
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            with transaction.atomic():
                set_services._add_member(learning_set, UserFactory(), timezone.now())

    url = f"/learning-sets/{learning_set.slug}/space/"
    # A set holds at most eight people.
    assert assert_flat_queries(_get(client, url), grow, large=6) <= DETAIL


# Signed in, "/" is My hub (issue 12): eight blocks, each its feed's one query or so. Issue 16
# brought it within the listing budget (22 queries before, for a member with no themes); the
# ceiling is today's count, so it cannot grow back.
MY_HUB = 11


@pytest.mark.parametrize("signed_in, ceiling", [(False, LISTING), (True, MY_HUB)])
def test_the_home_page(client_for, member, theme, assert_flat_queries, signed_in, ceiling):
    client = client_for(member if signed_in else None)

    def grow(n):
        for i in range(n):
            create_briefing(title=f"Briefing {i}", themes=[theme])
            EventPageFactory(audience="public", themes=[theme])
            ResourceFactory(themes=[theme])
            QuestionFactory()

    queries = assert_flat_queries(_get(client, "/"), grow)
    print(f"home, signed in {signed_in}: {queries} queries")
    assert queries <= ceiling


def test_my_hub(client_for, member, partnership, theme, assert_flat_queries):
    member.themes.add(theme)
    client = client_for(member)

    def grow(n):
        for i in range(n):
            create_briefing(title=f"Briefing {i}", themes=[theme])
            EventPageFactory(audience="public", themes=[theme])
            ResourceFactory(themes=[theme], partnership=partnership)
            QuestionFactory().themes.add(theme)
            ThreadFactory(partnership=partnership, author=member_of(partnership))

    # Within the listing budget since issue 16 (24 before): a query a block, the person's
    # themes with their roles, and no themes prefetched (the database says which items are in
    # the person's themes). Measured on a reload: the visit is written at most every five
    # minutes (hub.core.my_hub.RECORD_EVERY), so a sitting's first page costs one more.
    queries = assert_flat_queries(_get(client, "/my-hub/"), grow)
    print(f"my hub: {queries} queries")
    # 14 before its two blocks shared their library and questions reads: today's count.
    assert queries <= 12


def test_the_notifications_list(client_for, member, assert_flat_queries):
    from hub.notifications.services import notify

    client = client_for(member)

    def grow(n):
        for _ in range(n):
            question = QuestionFactory(author=member)
            answer = AnswerFactory(question=question)
            notify([member], "answer", answer, actor=answer.author)

    assert assert_flat_queries(_get(client, "/notifications/"), grow) <= LISTING


def test_the_people_directory(client_for, member, partnership, assert_flat_queries):
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            MembershipFactory(person=UserFactory(), partnership=partnership)

    # The cards show partnerships, not themes (read only on a profile): today's count.
    assert assert_flat_queries(_get(client, "/people/"), grow) <= 8


def test_a_partnerships_page_for_one_of_its_members(
    client_for, member, partnership, assert_flat_queries
):
    """Its leads, its noticeboard's newest threads, what it shared and the events it hosts."""
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            MembershipFactory(person=UserFactory(), partnership=partnership, role="lead")
            ThreadFactory(partnership=partnership, author=member_of(partnership))
            ResourceFactory(partnership=partnership)

    url = f"/partnerships/{partnership.slug}/"
    # 16 before the noticeboard's threads came with their authors and partnership.
    assert assert_flat_queries(_get(client, url), grow) <= 10


def test_a_partnership_space_and_a_thread(client_for, member, partnership, assert_flat_queries):
    thread = ThreadFactory(partnership=partnership, author=member)
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            ThreadFactory(partnership=partnership, author=member_of(partnership))
            ReplyFactory(thread=thread, author=member_of(partnership))

    space = f"/partnerships/{partnership.slug}/space/"
    assert assert_flat_queries(_get(client, space), grow) <= 8
    url = f"{space}threads/{thread.pk}/"
    # The replies come with their thanks in one query: today's count.
    assert assert_flat_queries(_get(client, url), grow) <= 6


def test_a_moved_or_renamed_page_is_found_at_its_new_address_only(client):
    briefing = create_briefing(title="Old name")
    old = briefing.url
    assert client.get(old).status_code == 200  # remembered by its path
    briefing.slug = "new-name"
    briefing.save_revision().publish()
    briefing.refresh_from_db()
    assert briefing.url.endswith("/new-name/")
    assert client.get(old).status_code == 404
    assert client.get(briefing.url).status_code == 200
    briefing.unpublish()
    assert client.get(briefing.url).status_code == 404


def test_the_detector_fails_a_page_that_loads_a_relation_once_per_row(assert_flat_queries):
    from zeal import NPlusOneError

    from hub.library.models import Resource

    def run():
        return [resource.partnership.name for resource in Resource.objects.all()]

    def grow(n):
        for _ in range(n):
            ResourceFactory()

    with pytest.raises(NPlusOneError):
        assert_flat_queries(run, grow)


def test_a_draft_shared_for_comment(client_for, partnership, officer, assert_flat_queries):
    """The comment page a person asked for comments opens, and the editor's comments page."""
    from briefings.review import services as review

    create_briefing(title="Published", themes=[])
    draft = create_briefing(title="For comment", publish=False)
    commenter = member_of(partnership)
    share = review.share_for_comment(draft, partnerships=[partnership], by=officer)

    def grow(n):
        for i in range(n):
            review.comment(share, commenter, f"Comment {i}")
            review.comment(share, member_of(partnership), f"Another {i}")

    counts = [
        assert_flat_queries(_get(client_for(commenter), share.get_absolute_url()), grow),
        assert_flat_queries(
            _get(client_for(officer), f"/drafts-for-comment/{share.pk}/comments/"), grow
        ),
    ]
    # Over the detail budget today: the draft is read from its latest revision, and the
    # editor's page also lists who it is shared with. Ceilings are today's counts.
    assert counts[0] <= 13
    assert counts[1] <= 15


def test_the_harvest(client_for, partnership, facilitator, theme, assert_flat_queries):
    from briefings import services as briefings_services

    briefing = create_briefing(title="Listening first", themes=[theme])
    prompt = briefing.prompts[0][0]
    writer = member_of(partnership, role_in_own_words="parent")

    def grow(n):
        for i in range(n):
            briefings_services.respond(writer, briefing, prompt, f"Response {i}")
            NoteFactory(resource=ResourceFactory(themes=[theme]), body=f"Note {i}")

    count = assert_flat_queries(_get(client_for(facilitator), "/harvest/"), grow)
    assert count <= LISTING
