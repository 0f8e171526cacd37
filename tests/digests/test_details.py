"""The digest's small print: a subject a person would write, "Coming up" in date order, one
kind prefix, and the same period on the officer's preview page as in the email."""

import re
from datetime import timedelta

from django.urls import reverse

import pytest
import time_machine

from events.factories import EventPageFactory
from hub.digests import services
from hub.themes.factories import ThemeFactory

from .conftest import SEND_DAY, SEND_TIME

pytestmark = pytest.mark.django_db
SOON = SEND_TIME + timedelta(days=2)


def digest_for(person):
    period = services.period_for("weekly", SEND_DAY)
    digest = services.compose([person], period)[person.pk]
    return digest, services.render_digest(digest, period)


def test_the_subject_is_a_short_sentence_not_a_list_of_counts(member, newcomer, subscribe):
    subscribe(member)
    with time_machine.travel(SEND_TIME, tick=False):
        EventPageFactory(
            title="Huddle: what we learned when parents chaired the partnership board for a year",
            start=SOON,
            end=SOON + timedelta(hours=1),
        )
        for day in range(1, 4):
            EventPageFactory(
                title=f"Webinar {day}", start=SOON + timedelta(days=day), audience="programme"
            )
        digest, rendered = digest_for(member)
    assert len(rendered.subject) <= 70, rendered.subject
    assert rendered.subject.startswith("Your hub digest: Huddle: what we learned when parents")
    assert rendered.subject.endswith("…, and 4 more")
    # Not "Your hub digest: 4 events coming up and 1 new person".
    assert not re.search(r"\d+ (events?|new|questions?)", rendered.subject)


def test_the_subject_keeps_apostrophes_as_they_are(member, subscribe):
    subscribe(member)
    with time_machine.travel(SEND_TIME, tick=False):
        EventPageFactory(title="A dad's first year", start=SOON, end=SOON + timedelta(hours=1))
        _, rendered = digest_for(member)
    assert rendered.subject == "Your hub digest: Huddle: A dad's first year"


def test_coming_up_is_in_date_order_even_when_a_later_event_is_in_your_theme(member, subscribe):
    subscribe(member)
    theme = ThemeFactory(name="Digital safeguarding")
    member.themes.add(theme)
    with time_machine.travel(SEND_TIME, tick=False):
        EventPageFactory(
            title="Later, on your theme", start=SOON + timedelta(days=5), themes=[theme]
        )
        EventPageFactory(title="Sooner", start=SOON)
        EventPageFactory(title="In between", start=SOON + timedelta(days=2))
        digest, rendered = digest_for(member)
    (coming_up,) = [s for s in digest.sections if s.key == "events"]
    assert [item.subject.title for item in coming_up.items] == [
        "Sooner",
        "In between",
        "Later, on your theme",
    ]
    assert rendered.text.index("Sooner") < rendered.text.index("Later, on your theme")


def test_a_title_that_already_names_its_kind_is_not_prefixed_twice(member, subscribe):
    subscribe(member)
    with time_machine.travel(SEND_TIME, tick=False):
        EventPageFactory(title="Huddle: working with dads", start=SOON)
        EventPageFactory(title="Scaling deep", start=SOON + timedelta(days=1))
        digest, rendered = digest_for(member)
    assert "Huddle: Huddle:" not in rendered.text + rendered.html
    assert "Huddle: working with dads" in rendered.text
    assert "Huddle: Scaling deep" in rendered.text


def test_the_preview_page_and_the_email_give_the_same_period(
    member, newcomer, subscribe, client_for, officer
):
    subscribe(member)
    with time_machine.travel(SEND_TIME - timedelta(days=1), tick=False):
        page = client_for(officer).get(reverse("digests:preview"), {"member": member.email})
    html = page.content.decode()
    # The week before Monday 23 November: Monday 16 to Sunday 22 November.
    assert "Covers 16 November to 22 November 2026 (sent on Monday 23 November)" in html
    assert "from 16 November to 22 November 2026" in html  # the email, in the iframe
    assert "to 23 November 2026" not in html
