"""The "what is new for this person" contract (hub/core/whats_new.py): the home page and the
digest agree, set sessions stay out of programme-wide lists, and pages cost a fixed number of
queries whatever the amount of content."""

from datetime import timedelta
from itertools import count

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest
import time_machine

from briefings.factories import create_briefing
from briefings.models import Audience as BriefingAudience
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Audience, EventPage
from hub.core.whats_new import home_sections, search_sections, theme_sections
from hub.digests import services as digests
from hub.library.factories import ResourceFactory
from hub.library.models import Visibility
from hub.questions.factories import QuestionFactory
from hub.themes.factories import ThemeFactory
from learning_sets import services as set_services
from learning_sets.factories import make_set
from tests.digests.conftest import SEND_DAY, SEND_TIME

pytestmark = pytest.mark.django_db


def _section(sections, key):
    return next((s for s in sections if s.key == key), None)


@pytest.fixture
def set_with_session(member, facilitator):
    """A set with ``member`` in it and a session in three days (its event page is live)."""
    learning_set = make_set(
        name="Holding the tension", facilitators=[facilitator], members=[member]
    )
    starts = timezone.now() + timedelta(days=3)
    session = set_services.schedule_session(
        learning_set, starts_at=starts, ends_at=starts + timedelta(hours=2), by=facilitator
    )
    page = EventPage.objects.get(pk=session.event_page_id)
    assert page.live and page.kind == EventPage.Kind.LEARNING_SET_SESSION
    return learning_set, page


def test_the_home_page_and_the_digest_agree_for_one_member(member, facilitator):
    with time_machine.travel(SEND_TIME, tick=False):
        learning_set = make_set(
            name="Holding the tension", facilitators=[facilitator], members=[member]
        )
        soon = timezone.now() + timedelta(days=4)
        set_services.schedule_session(
            learning_set, starts_at=soon, ends_at=soon + timedelta(hours=2), by=facilitator
        )
        joined = EventPageFactory(title="Huddle I joined", start=soon)
        EventPageFactory(title="Webinar still open", start=soon + timedelta(days=1))
        EventPageFactory(
            title="Members' gathering", start=soon + timedelta(days=2), audience="programme"
        )
        RegistrationFactory(event=joined, person=member)

        home = home_sections(member)
        digest = digests.compose([member], digests.period_for("weekly", SEND_DAY))[member.pk]
        digest_sections = {s.key: s for s in digest.sections}

        home_coming_up = _section(home, "events").items
        digest_coming_up = digest_sections["events"].items
        assert [i.subject.title for i in home_coming_up] == [
            "Huddle I joined",
            "Webinar still open",
            "Members' gathering",
        ]
        assert [(i.subject.pk, i.title, i.status, i.action_label) for i in home_coming_up] == [
            (i.subject.pk, i.title, i.status, i.action_label) for i in digest_coming_up
        ]
        home_set_line = [i.title for i in _section(home, "learning_set").items]
        assert home_set_line == ["Holding the tension meets on Friday 27 November"]
        assert [i.title for i in digest_sections["learning_set"].items] == home_set_line


def test_a_set_session_is_never_in_a_programme_wide_list_but_its_set_sees_it(
    client_for, member, facilitator, officer, outsider, set_with_session
):
    learning_set, page = set_with_session
    theme = ThemeFactory(name="Relational practice")
    page.themes.set([theme])
    page.save()
    # Something each list shows anyone, so an empty list cannot pass for a filtered one.
    EventPageFactory(title="An open huddle", themes=[theme], audience=Audience.PUBLIC)
    period = digests.period_for("weekly", timezone.localdate() + timedelta(days=1))
    for person in (member, facilitator, officer, outsider, AnonymousUser()):
        home = home_sections(person)
        coming_up = _section(home, "events")
        assert page.pk not in [e.pk for e in coming_up.objects], person
        on_theme = _section(theme_sections(person, theme), "events")
        assert page.pk not in [e.pk for e in on_theme.objects], person
        found = _section(search_sections(person, "Holding the tension"), "events")
        assert found is None, person
        html = client_for(person if person.is_authenticated else None).get("/").content.decode()
        assert "set session" not in html, person
        if person.is_authenticated:
            digest = digests.compose([person], period)[person.pk]
            digest_events = _section(digest.sections, "events")
            assert digest_events is None or page.pk not in [
                i.subject.pk for i in digest_events.items
            ]
    # The set's own people see when it meets, in their set's section, on both.
    for person in (member, facilitator):
        assert _section(home_sections(person), "learning_set").items
        digest = digests.compose([person], period)[person.pk]
        assert _section(digest.sections, "learning_set").items
        assert "Holding the tension meets on" in client_for(person).get("/").content.decode()
    for person in (officer, outsider):
        assert _section(home_sections(person), "learning_set") is None
        assert "Holding the tension meets on" not in client_for(person).get("/").content.decode()


# --- Pages cost a fixed number of queries whatever the amount of content --------------------


@pytest.fixture
def grow_content(partnership, other_partnership, facilitator):
    """``grow(n)`` adds n of every kind of content the home, theme and search pages list,
    on ``theme`` and matching the word "zebrafish"."""
    theme = ThemeFactory(name="Scaling deep")
    numbers = count()

    def grow(n):
        for _ in range(n):
            i = next(numbers)
            for audience in (BriefingAudience.PUBLIC, BriefingAudience.PROGRAMME):
                create_briefing(
                    title=f"Zebrafish briefing {i} {audience}", audience=audience, themes=[theme]
                )
            for audience in (Audience.PUBLIC, Audience.PROGRAMME):
                EventPageFactory(
                    title=f"Zebrafish huddle {i} {audience}", audience=audience, themes=[theme]
                )
            for visibility in (Visibility.PUBLIC, Visibility.PROGRAMME, Visibility.PARTNERSHIP):
                ResourceFactory(
                    title=f"Zebrafish guide {i} {visibility}",
                    visibility=visibility,
                    partnership=other_partnership,
                    themes=[theme],
                )
            question = QuestionFactory(title=f"Zebrafish question {i}", partnership=partnership)
            question.themes.add(theme)

    grow.theme = theme
    return grow


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_home_page_costs_the_same_queries_for_more_content(
    who, client_for, member, facilitator, grow_content, assert_flat_queries
):
    person = member if who == "member" else None
    client = client_for(person)
    if person is not None:
        learning_set = make_set(name="Set zero", facilitators=[facilitator], members=[member])

    def grow(n):
        grow_content(n)
        if person is not None:
            for _ in range(n):
                start = timezone.now() + timedelta(days=5)
                set_services.schedule_session(
                    learning_set,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    by=facilitator,
                )
                RegistrationFactory(event=EventPageFactory(), person=member)

    def run():
        html = client.get("/").content.decode()
        if person is None:
            assert "Zebrafish huddle" in html and "Zebrafish guide" in html
            assert "Set zero meets on" not in html
        else:  # a member's "/" is My hub: their set's next session and their events
            assert "<h1>My hub</h1>" in html and "Set zero meets on" in html
            assert "Your next events" in html

    assert_flat_queries(run, grow)


def test_a_theme_page_costs_the_same_queries_for_more_content(
    client_for, member, grow_content, assert_flat_queries
):
    client = client_for(member)

    def run():
        html = client.get(grow_content.theme.get_absolute_url()).content.decode()
        assert "Zebrafish briefing" in html and "Zebrafish question" in html

    assert_flat_queries(run, grow_content)


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_site_search_costs_the_same_queries_for_more_content(
    who, client_for, member, grow_content, assert_flat_queries
):
    client = client_for(member if who == "member" else None)

    def run():
        html = client.get("/search/", {"q": "zebrafish"}).content.decode()
        assert "Zebrafish guide" in html and "Zebrafish briefing" in html

    assert_flat_queries(run, grow_content)


def test_prepared_candidates_in_a_persons_themes_come_first_then_by_order():
    from types import SimpleNamespace

    from hub.core.whats_new import Context, Feed, NewThing, lead_update, prepare

    def candidate(title, *theme_ids):
        themes = [SimpleNamespace(pk=pk) for pk in theme_ids]
        return SimpleNamespace(title=title, themes=SimpleNamespace(all=lambda: themes))

    old_in_theme, new_elsewhere, newer_elsewhere = prepare(
        [candidate("In my theme", 7), candidate("Elsewhere", 3), candidate("Newer", 3)],
        lambda c: NewThing(title=c.title, url=f"/{c.title}/"),
    )
    assert old_in_theme.whats_new_theme_ids == {7}
    context = Context(period=None, theme_ids={7})
    feed = Feed()
    things = [
        feed.themed(context, old_in_theme, 3),
        feed.themed(context, new_elsewhere, 2, meta="Shared by Harbourside"),
        feed.themed(context, newer_elsewhere, 1),
    ]
    section = feed.section(things, title="New")
    assert [item.title for item in section.items] == ["In my theme", "Newer", "Elsewhere"]
    assert things[1].meta == "Shared by Harbourside"
    # The prepared NewThing is shared by every member of the batch: it is never changed.
    assert new_elsewhere.whats_new_thing.rank == ()

    earlier, later = timezone.now() - timedelta(days=1), timezone.now()
    updates = [
        lead_update(None, "Later", "/b/", later),
        lead_update(None, "Earlier", "/a/", earlier),
    ]
    assert [u.title for u in feed.section(updates).items] == ["Earlier", "Later"]
