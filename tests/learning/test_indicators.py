"""Indicators change over time and every change is kept: the reword page makes a new
version, and a meeting already held still shows (and charts) the words it was judged on.
Programme-wide indicators can be adopted as they are or adapted, keeping their link."""

import datetime

from django.urls import reverse

import pytest

from hub.core.services import ServiceError
from hub.learning import services
from hub.learning.models import Framework, Indicator, IndicatorVersion, ProgrammeIndicator

D = datetime.date


def _reword_url(indicator):
    return reverse("learning:reword", args=[indicator.framework.partnership.slug, indicator.pk])


def test_rewording_after_a_meeting_keeps_the_old_words_on_that_meeting(year, member, client_for):
    framework, isolated, _explain, first = year
    client = client_for(member)
    page = client.get(_reword_url(isolated)).content.decode()
    assert "From 1 January 2026: “Families feel less isolated”" in page
    assert "From 1 June 2026: “Families feel less alone”" in page

    response = client.post(
        _reword_url(isolated),
        {
            "words": "Families feel they belong",
            "why": "Belonging is what parents talk about.",
            "proposed_by": "Parents at the café",
            "note": "Parents chose these words in February.",
            "since": "2027-02-01",
        },
    )
    assert response.status_code == 302
    assert [v.words for v in isolated.versions.all()] == [
        "Families feel less isolated",
        "Families feel less alone",
        "Families feel they belong",
    ]
    newest = isolated.versions.last()
    assert newest.proposed_by == "Parents at the café"
    assert newest.changed_by == member

    slug = framework.partnership.slug
    meeting = client.get(reverse("learning:meeting", args=[slug, first.pk])).content.decode()
    assert "Families feel less isolated" in meeting
    assert "Families feel they belong" not in meeting

    listing = client.get(reverse("learning:framework", args=[slug])).content.decode()
    assert "<h3>Families feel they belong</h3>" in listing
    assert "Proposed by Parents at the café." in listing
    assert "From 1 February 2027: Families feel they belong, proposed by Parents at the café" in (
        listing
    )

    journey = client.get(reverse("learning:journey", args=[slug])).content.decode()
    # The heading has today's words; each row and point the words it was judged against,
    # and the chart marks where the words changed.
    assert "<td>Families feel less isolated</td>" in journey
    assert "Families feel less alone <strong>(new words)</strong>" in journey
    assert journey.count('class="journey-new-words"') == 1
    assert "Not yet for “Families feel less isolated”" in journey


def test_a_same_day_reword_after_a_meeting_is_a_new_version(framework, member):
    today = D(2026, 3, 1)
    indicator = services.add_indicator(framework, words="Parents lead", by=member, since=today)
    meeting = services.record_meeting(
        framework, held_on=today, noticed="-", judgements=[(indicator, 1, "", None)], by=member
    )
    services.change_indicator(indicator, words="Parents lead the work", since=today, by=member)
    assert meeting.judgements.get().version.words == "Parents lead"
    assert indicator.versions.count() == 2
    # A typo put right before any meeting is changed in place (nothing was judged on it).
    fresh = services.add_indicator(framework, words="Famlies", by=member, since=today)
    services.change_indicator(fresh, words="Families", since=today, by=member)
    assert list(fresh.versions.values_list("words", flat=True)) == ["Families"]


def test_the_reword_page_says_what_is_wrong_and_keeps_what_was_typed(year, member, client_for):
    _framework, isolated, _explain, _first = year
    client = client_for(member)
    response = client.post(
        _reword_url(isolated), {"words": "", "note": "Parents asked", "since": "2026-01-01"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Write the indicator in your own words." in html
    assert 'value="Parents asked"' in html
    # A change cannot start before the last one (the June words).
    response = client.post(_reword_url(isolated), {"words": "New", "since": "2026-03-01"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "The new words must start on or after 1 June 2026" in html
    assert 'href="#id_since"' in html
    assert IndicatorVersion.objects.filter(indicator=isolated).count() == 2


@pytest.mark.parametrize("role", ["outsider", "officer"])
def test_only_the_room_rewords(year, role, request, client_for):
    _framework, isolated, _explain, _first = year
    services.share_journey(isolated, share=True, by=request.getfixturevalue("member"))
    client = client_for(request.getfixturevalue(role))
    assert client.get(_reword_url(isolated)).status_code in (403, 404)
    assert client.post(_reword_url(isolated), {"words": "Hijacked"}).status_code in (403, 404)
    assert not isolated.versions.filter(words="Hijacked").exists()


@pytest.fixture
def offered(db):
    return ProgrammeIndicator.objects.create(
        words="Families support one another", why="Peer support lasts."
    )


def test_adopt_as_it_is_or_adapt_keeping_the_link(
    partnership, other_partnership, member, outsider, offered, client_for
):
    ours = Framework.objects.create(partnership=partnership)
    theirs = Framework.objects.create(partnership=other_partnership)
    client = client_for(member)
    url = reverse("learning:adapt", args=[partnership.slug, offered.pk])
    form = client.get(url).content.decode()
    assert 'value="Families support one another"' in form
    response = client.post(
        url,
        {"words": "Parents at the café look out for each other", "proposed_by": "Our parents"},
    )
    assert response.status_code == 302
    adapted = ours.indicators.get()
    assert adapted.adopted_from == offered
    assert adapted.words == "Parents at the café look out for each other"
    assert adapted.versions.get().proposed_by == "Our parents"
    page = client.get(reverse("learning:framework", args=[partnership.slug])).content.decode()
    assert "Adapted from the programme's “Families support one another”." in page
    assert "Adopt as it is" not in page  # no longer offered: it is in the framework

    client_for(outsider).post(reverse("learning:adopt", args=[other_partnership.slug, offered.pk]))
    adopted = theirs.indicators.get()
    assert (adopted.words, adopted.adopted_from) == ("Families support one another", offered)
    assert set(offered.adoptions.all()) == {adapted, adopted}
    with pytest.raises(ServiceError, match="already in your framework"):
        services.adopt(theirs, offered, by=outsider)


def test_adapting_with_empty_words_is_refused_with_the_words_kept(
    partnership, member, offered, client_for
):
    Framework.objects.create(partnership=partnership)
    url = reverse("learning:adapt", args=[partnership.slug, offered.pk])
    response = client_for(member).post(url, {"words": " ", "why": "Our reason"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Write the indicator in your own words." in html
    assert "Our reason" in html
    assert not Indicator.objects.exists()
