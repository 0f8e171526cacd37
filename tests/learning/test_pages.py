"""The framework and journey pages cost the same number of queries however long the year,
and the demo gives two partnerships a framework and a year of meetings."""

import datetime
import io

from django.urls import reverse

from hub.learning import demo_framework, services
from hub.learning.models import Framework, MeetingAction, ReflectionMeeting
from hub.library.factories import NoteFactory, ResourceFactory
from hub.library.models import Resource

D = datetime.date


def _grower(framework, by):
    """``grow(n)``: n more indicators (each reworded once) and n more meetings judging every
    indicator with linked evidence (a story, a resource, a note), agreeing an action for a
    person in the room and reviewing the open ones."""
    indicator = services.add_indicator(
        framework, words="Families feel less alone", by=by, since=D(2026, 1, 1)
    )
    made = []

    def grow(n):
        for _ in range(n):
            made.append(1)
            held_on = D(2026, 1, 1) + datetime.timedelta(days=42 * len(made))
            new = services.add_indicator(
                framework, words=f"Indicator {len(made)}", by=by, since=D(2026, 1, 1)
            )
            services.change_indicator(
                new, words=f"Indicator {len(made)}, reworded", since=held_on, by=by
            )
            story = ResourceFactory(
                resource_type=Resource.Type.STORY, partnership=framework.partnership
            )
            note = NoteFactory()
            things = [story, note, None]
            services.record_meeting(
                framework,
                held_on=held_on,
                noticed="We noticed.",
                roles_present=["parent"],
                judgements=[
                    (ind, 2, "A note", things[k % 3])
                    for k, ind in enumerate(framework.indicators.all())
                ],
                new_actions=[("Do a thing", by, ""), ("Ask the school", None, "Sam")],
                reviews=[(a, "done", "") for a in MeetingAction.objects.filter(status="open")],
                by=by,
            )

    return indicator, grow


def _flat(client, url, grow, assert_flat_queries):
    def run():
        assert client.get(url).status_code == 200

    return assert_flat_queries(run, grow, small=1, large=10)


def test_the_framework_page_is_flat(partnership, member, client_for, assert_flat_queries):
    framework = Framework.objects.create(partnership=partnership)
    _indicator, grow = _grower(framework, member)
    url = reverse("learning:framework", args=[partnership.slug])
    assert _flat(client_for(member), url, grow, assert_flat_queries) <= 20


def test_the_journey_page_is_flat(partnership, member, client_for, assert_flat_queries):
    framework = Framework.objects.create(partnership=partnership)
    _indicator, grow = _grower(framework, member)
    url = reverse("learning:journey", args=[partnership.slug])
    assert _flat(client_for(member), url, grow, assert_flat_queries) <= 20


def test_the_shared_journey_is_flat_for_an_officer(
    partnership, member, officer, client_for, assert_flat_queries
):
    framework = Framework.objects.create(partnership=partnership)
    indicator, grow = _grower(framework, member)
    services.share_journey(indicator, share=True, by=member)
    url = reverse("learning:journey", args=[partnership.slug])
    assert _flat(client_for(officer), url, grow, assert_flat_queries) <= 20


def test_the_newest_meeting_page_is_flat(partnership, member, client_for, assert_flat_queries):
    framework = Framework.objects.create(partnership=partnership)
    _indicator, grow = _grower(framework, member)
    client = client_for(member)

    def run():
        newest = framework.meetings.order_by("-held_on").first()
        page = client.get(newest.get_absolute_url())
        assert page.status_code == 200
        assert "Reflection meeting" in page.content.decode()

    # The newest meeting judges every indicator and reviews the last meeting's actions.
    assert assert_flat_queries(run, grow, small=1, large=10) <= 25


def test_the_meeting_form_is_flat(partnership, member, client_for, assert_flat_queries):
    framework = Framework.objects.create(partnership=partnership)
    _indicator, grow = _grower(framework, member)
    url = reverse("learning:new_meeting", args=[partnership.slug])
    assert _flat(client_for(member), url, grow, assert_flat_queries) <= 20


def test_the_demo_gives_two_partnerships_a_year_of_meetings(member, outsider, facilitator):
    story = ResourceFactory(
        title="How families found each other at the café",
        resource_type=Resource.Type.STORY,
        partnership=member.partnerships.get(),
    )
    out = io.StringIO()
    demo_framework.seed(out)
    demo_framework.seed(out)  # twice changes nothing
    assert Framework.objects.count() == 2
    assert ReflectionMeeting.objects.count() == 16
    ours = Framework.objects.get(partnership=member.partnerships.get())
    assert ours.facilitator == facilitator
    meetings = list(ours.meetings.all())
    assert len(meetings) == 8
    assert (meetings[-1].held_on - meetings[0].held_on).days == 42 * 7
    words = {i.words: i for i in ours.indicators.all()}
    assert set(words) == {
        "Families feel less alone",
        "Families support one another",
        "We can tell our story so the council wants to join in",
    }
    # The words the early meetings were judged against, and the adaptation's link.
    first = meetings[0].judgements.get(indicator=words["Families feel less alone"])
    assert first.version.words == "Families feel less isolated"
    adapted = words["We can tell our story so the council wants to join in"]
    assert adapted.adopted_from.words == "We can explain our approach in ways that motivate others"
    assert meetings[-1].judgements.get(indicator__words="Families feel less alone").level == 3
    assert meetings[5].judgements.get(indicator=words["Families feel less alone"]).evidence == story
    # Actions have owners in the room and were reviewed at the next meeting.
    assert MeetingAction.objects.filter(meeting__framework=ours, owner=facilitator).exists()
    assert not MeetingAction.objects.filter(meeting__in=meetings[:-1], status="open").exists()
    theirs = Framework.objects.get(partnership=outsider.partnerships.get())
    assert "Parents decide with us, not after us" in {i.words for i in theirs.indicators.all()}
