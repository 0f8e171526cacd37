"""The learning framework's shared world: a partnership's framework with a year of meetings."""

import datetime

import pytest

from hub.learning import services
from hub.learning.models import Framework, MeetingAction

D = datetime.date


@pytest.fixture
def framework(partnership, facilitator):
    return Framework.objects.create(partnership=partnership, facilitator=facilitator)


@pytest.fixture
def year(framework, member):
    """Two indicators; three meetings over a year; the first indicator reworded in June."""
    isolated = services.add_indicator(
        framework, words="Families feel less isolated", by=member, since=D(2026, 1, 1)
    )
    explain = services.add_indicator(
        framework, words="We can explain our approach", by=member, since=D(2026, 1, 1)
    )
    first = services.record_meeting(
        framework,
        held_on=D(2026, 1, 10),
        noticed="Few families at the café.",
        roles_present=["parent", "practitioner"],
        summary="We started.",
        judgements=[(isolated, 1, "Only two came", None), (explain, 2, "", None)],
        new_actions=[("Ask the school to share the flyer", None, "Sam")],
        by=member,
    )
    services.change_indicator(
        isolated, words="Families feel less alone", since=D(2026, 6, 1), by=member
    )
    action = MeetingAction.objects.get()
    services.record_meeting(
        framework,
        held_on=D(2026, 6, 20),
        noticed="More came.",
        judgements=[(isolated, 2, "Twelve came", None), (explain, 2, "", None)],
        reviews=[(action, "done", "")],
        by=member,
    )
    services.record_meeting(
        framework,
        held_on=D(2027, 1, 10),
        noticed="Parents run it.",
        judgements=[(isolated, 3, "Parents run the café", None), (explain, 3, "", None)],
        by=member,
    )
    return framework, isolated, explain, first
