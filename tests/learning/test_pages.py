"""The framework and journey pages cost the same number of queries however long the year,
and the demo gives two partnerships a framework and a year of meetings."""

import datetime
import io

from django.urls import reverse

from hub.learning import demo_framework, services
from hub.learning.models import Framework, ReflectionMeeting

D = datetime.date


def _grower(framework, by):
    indicator = services.add_indicator(framework, words="Families feel less alone", by=by)
    made = []

    def grow(n):
        for _ in range(n):
            made.append(1)
            services.add_indicator(framework, words=f"Indicator {len(made)}", by=by)
            services.record_meeting(
                framework,
                held_on=D(2026, 1, 1) + datetime.timedelta(days=42 * len(made)),
                noticed="We noticed.",
                judgements=[(i, 2, "A note", None) for i in framework.indicators.all()],
                new_actions=[("Do a thing", None, "Sam")],
                by=by,
            )

    return indicator, grow


def test_the_framework_page_is_flat(partnership, member, client_for, assert_flat_queries):
    framework = Framework.objects.create(partnership=partnership)
    _indicator, grow = _grower(framework, member)
    client = client_for(member)
    url = reverse("learning:framework", args=[partnership.slug])

    def run():
        assert client.get(url).status_code == 200

    assert assert_flat_queries(run, grow, small=1, large=5) <= 20


def test_the_journey_page_is_flat(partnership, member, client_for, assert_flat_queries):
    framework = Framework.objects.create(partnership=partnership)
    _indicator, grow = _grower(framework, member)
    client = client_for(member)
    url = reverse("learning:journey", args=[partnership.slug])

    def run():
        assert client.get(url).status_code == 200

    assert assert_flat_queries(run, grow, small=1, large=5) <= 20


def test_the_demo_gives_two_partnerships_a_year_of_meetings(member, outsider):
    out = io.StringIO()
    demo_framework.seed(out)
    demo_framework.seed(out)  # twice changes nothing
    assert Framework.objects.count() == 2
    assert ReflectionMeeting.objects.count() == 16
    meetings = list(
        ReflectionMeeting.objects.filter(framework__partnership=member.partnerships.get())
    )
    assert len(meetings) == 8
    assert (meetings[-1].held_on - meetings[0].held_on).days == 42 * 7
    assert meetings[-1].judgements.get(indicator__words="Families feel less alone").level == 3
