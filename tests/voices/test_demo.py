"""The demo's voice bank: plausible voices, one withdrawn, one awaiting check-back, one
quoted in a published briefing; seeding twice changes nothing."""

import io

from django.test import Client

import pytest

from hub.voices import demo
from hub.voices.models import Status, Voice
from hub.voices.usage import pages_using

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    from briefings import demo as briefings_demo
    from hub.core import demo as core_demo

    out = io.StringIO()
    core_demo.seed(out)
    briefings_demo.seed(out)
    demo.seed(out)
    return out.getvalue()


def test_the_demo_bank_has_a_withdrawn_an_awaiting_and_a_quoted_voice(seeded):
    statuses = set(Voice.objects.values_list("status", flat=True))
    assert {Status.APPROVED, Status.CHANGED, Status.AWAITING, Status.WITHDRAWN} <= statuses
    withdrawn = Voice.objects.get(status=Status.WITHDRAWN)
    assert withdrawn.quote == ""
    used = pages_using(Voice.objects.values_list("pk", flat=True))
    quoted = [pk for pk, pages in used.items() if pages]
    assert len(quoted) == 2  # one approved and the withdrawn one
    page = used[quoted[0]][0]
    text = Client().get(page.url).content.decode()
    assert "The first time someone asked me what I thought should change" in text
    assert "These words were withdrawn by the person who said them." in text
    demo.seed(io.StringIO())
    assert Voice.objects.count() == len(demo.VOICES)
