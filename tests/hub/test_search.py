"""Site search for lay people: stemming, typing mistakes, topic ideas and learning sets, and
what each role may find. Runs on PostgreSQL in CI (full-text search and pg_trgm) and on
SQLite locally (the plain fallback): the same words must work on both."""

from datetime import timedelta

from django.utils import timezone

import pytest

from briefings.factories import create_briefing
from briefings.models import Audience
from events.models import TopicIdea
from hub.library.factories import ResourceFactory
from hub.library.models import Visibility
from hub.people.factories import member_of
from learning_sets import services as set_services
from learning_sets.factories import make_set

pytestmark = pytest.mark.django_db


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_dads_finds_a_dads_first_year(client_for):
    create_briefing(title="A dad's first year", summary="What fathers told us.")
    page = search(client_for(None), "dads")
    assert "A dad’s first year" in page or "A dad&#x27;s first year" in page


def test_plural_and_singular_find_each_other(client_for, member):
    ResourceFactory(title="Running a parent forum", visibility=Visibility.PUBLIC)
    assert "Running a parent forum" in search(client_for(None), "parents forums")


def test_a_typing_mistake_shows_results_for_the_close_word(client_for):
    create_briefing(title="Asking for consent well", summary="Plain words about consent.")
    page = search(client_for(None), "concent")
    assert "Showing results for “<strong>consent</strong>”" in page
    assert "Asking for consent well" in page


def test_a_few_results_offer_the_close_word(client_for, member):
    create_briefing(title="Consent forms that parents understand")
    TopicIdea.objects.create(
        title="Forms in schools", description="Our concent form is too long.", proposed_by=member
    )
    page = search(client_for(member), "concent")
    assert "Forms in schools" in page
    assert "Did you mean" in page
    assert "?q=consent" in page


def test_nothing_close_says_so_plainly(client_for):
    create_briefing(title="Asking for consent well")
    page = search(client_for(None), "xylophone")
    assert "Nothing matched “xylophone”" in page
    assert "Showing results for" not in page


def test_a_correction_never_comes_from_what_the_person_may_not_see(client_for, member):
    create_briefing(title="Kinship carers together", audience=Audience.PROGRAMME)
    visitor_page = search(client_for(None), "kinshp")
    assert "kinship" not in visitor_page.lower()
    assert "Kinship carers together" in search(client_for(member), "kinshp")


def test_topic_ideas_are_found_by_members_and_never_by_visitors(client_for, member):
    TopicIdea.objects.create(
        title="Grandparents raising children",
        description="Marker-quokka: how kinship care feels.",
        proposed_by=member,
    )
    assert "Grandparents raising children" not in search(client_for(None), "quokka")
    page = search(client_for(member), "quokka")
    assert "Grandparents raising children" in page
    assert "Topic ideas" in page


def test_a_private_sets_purpose_never_appears_outside_the_set(
    client_for, member, partnership, facilitator
):
    insider = member_of(partnership, email="insider@example.org", display_name="Ida Insider")
    make_set(
        name="Closed circle",
        purpose="Marker-axolotl: what we are stuck on.",
        facilitators=[facilitator],
        members=[insider],
        status="meeting",
    )
    for outsider in (None, member):
        page = search(client_for(outsider), "axolotl")
        assert "Closed circle" not in page
        assert "what we are stuck on" not in page
    assert "Closed circle" in search(client_for(insider), "axolotl")


def test_a_forming_sets_purpose_is_found_and_its_dates_only_by_its_people(
    client_for, member, partnership, facilitator
):
    insider = member_of(partnership, email="insider@example.org", display_name="Ida Insider")
    learning_set = make_set(
        name="Open doors",
        purpose="Welcoming fathers into family hubs.",
        facilitators=[facilitator],
        members=[insider],
        status="forming",
    )
    starts = (timezone.now() + timedelta(days=3)).replace(hour=10, minute=0, microsecond=0)
    set_services.schedule_session(
        learning_set, starts_at=starts, ends_at=starts + timedelta(hours=2), by=facilitator
    )
    outside = search(client_for(member), "fathers")
    assert "Open doors" in outside
    assert "meets on" not in outside
    inside = search(client_for(insider), "fathers")
    assert "Open doors" in inside
    assert "meets on" in inside
    assert f"{starts:%-d %B}".lstrip("0") in inside or starts.strftime("%d %B") in inside


def test_search_costs_the_same_queries_with_ten_times_the_matches(
    client_for, member, partnership, facilitator, assert_flat_queries
):
    client = client_for(member)
    made = []

    def grow(n):
        for _ in range(n):
            k = len(made)
            made.append(k)
            ResourceFactory(title=f"Harbour walk {k}", partnership=partnership)
            create_briefing(title=f"Harbour stories {k}")
            TopicIdea.objects.create(title=f"Harbour huddle {k}", proposed_by=member)
            make_set(name=f"Harbour set {k}", purpose="By the harbour.", status="forming")

    def run():
        assert "Harbour walk" in search(client, "harbour")

    assert_flat_queries(run, grow, small=1, large=6)


def test_each_kind_shows_its_five_best_with_a_link_to_all_of_them(client_for, member):
    """Grouped results, as on other community platforms: five of each kind, then a link to
    that kind's own search, which has the rest."""
    from hub.questions.factories import QuestionFactory

    for n in range(8):
        QuestionFactory(title=f"Walrus question {n}")
        member_of(member.memberships.get().partnership, display_name=f"Walrus Person {n}")
    page = search(client_for(member), "walrus")
    assert page.count("Walrus question") == 5
    assert page.count("Walrus Person") == 5
    assert "/questions/?q=walrus" in page and "/people/?q=walrus" in page
    assert (
        client_for(member)
        .get("/questions/", {"q": "walrus"})
        .content.decode()
        .count("Walrus question")
        == 8
    )
