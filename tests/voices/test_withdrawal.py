"""Briefings quote the bank live: a change shows at once, and a withdrawal takes the words out
of the page, the PDF (cached ones too), feeds, search, the API and the visitors' page cache
within the same request cycle. Programme-only words never reach visitors."""

import re
from unittest import mock

from django.urls import reverse

import pytest

from briefings import pdf
from briefings.factories import create_briefing, simple_body
from briefings.models import Audience
from hub.core import page_cache
from hub.core.models import OutgoingEmail
from hub.voices import links, services
from hub.voices.factories import bank_voice_block, make_voice
from hub.voices.models import Status, Use

pytestmark = pytest.mark.django_db

WORDS = "Nobody rushed us, and that is why we stayed"
WITHDRAWN = "These words were withdrawn by the person who said them."


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 60
    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture
def voice(partnership):
    return make_voice(WORDS, partnership=partnership, speaker_email="dee@example.org")


@pytest.fixture
def briefing(voice, index, facilitator):
    body = [*simple_body(), bank_voice_block(voice)]
    return create_briefing(title="Staying with families", body=body, owner=facilitator)


class FakeHTML:
    """WeasyPrint stand-in: the 'PDF' is the HTML it was given, so the test can read it."""

    made = 0

    def __init__(self, *, string, **kwargs):
        self.string = string

    def write_pdf(self):
        FakeHTML.made += 1
        return self.string.encode()


def _pdf(client, page):
    pytest.importorskip("weasyprint")
    with mock.patch("weasyprint.HTML", FakeHTML):
        return client.get(page.url + "pdf/").content.decode()


def _everywhere(client, page):
    """Every path a visitor could read the page's words on, fetched one after another."""
    paths = {
        "page": page.url,
        "rss": "/briefings/feed/rss/",
        "atom": "/briefings/feed/atom/",
        "search": reverse("search") + "?q=rushed+stayed",
        "api": f"/api/v2/pages/{page.pk}/?fields=*",
        "api list": "/api/v2/pages/?type=briefings.BriefingPage&fields=*",
        "public api": f"/api/public/briefings/{page.pk}/",
    }
    seen = {}
    for where, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, (where, response.status_code)
        seen[where] = response.content.decode()
    seen["pdf"] = _pdf(client, page)
    return seen


def test_the_page_and_pdf_quote_the_bank_live(client, briefing, voice):
    seen = _everywhere(client, briefing)
    assert WORDS in seen["page"]
    assert "mum of two, Harbourside Families Together" in seen["page"]
    assert WORDS in seen["pdf"]
    # The page is cached for visitors; the person changes their words through their link.
    voice.link_key = links.new_key()
    voice.save()
    client.post(
        reverse("voices:check_by_link", args=[links.token_for(voice)]),
        {"decision": "changed", "quote": "Nobody rushed us.", "role": "parent"},
    )
    page = client.get(briefing.url).content.decode()
    assert "Nobody rushed us." in page and WORDS not in page
    assert "Nobody rushed us." in _pdf(client, briefing)


def test_a_withdrawal_takes_the_words_out_everywhere_at_once(client, briefing, voice):
    before = _everywhere(client, briefing)
    assert WORDS in before["page"] and WORDS in before["pdf"]
    made = FakeHTML.made
    voice.link_key = links.new_key()
    voice.save()
    response = client.post(
        reverse("voices:check_by_link", args=[links.token_for(voice)]), {"decision": "withdrawn"}
    )
    assert "Your words have been withdrawn" in response.content.decode()
    after = _everywhere(client, briefing)
    for where, text in after.items():
        assert WORDS not in text, f"the withdrawn words are still at {where}"
        if where != "search":  # the search page repeats what was searched for
            assert "rushed" not in text, f"the withdrawn words are still at {where}"
    assert "Staying with families" not in after["search"]  # not found by the words
    assert WITHDRAWN in after["page"]
    assert WITHDRAWN in after["pdf"]
    assert FakeHTML.made == made + 1  # the cached PDF was made again, not served
    # The briefing's editor is told, without the words.
    told = OutgoingEmail.objects.filter(to=["facilitator@example.org"]).latest("pk")
    assert "withdrew their words" in told.text
    assert "Staying with families" in told.text
    assert "rushed" not in told.text


def test_a_cached_pdf_is_never_served_after_the_words_change(briefing, voice, facilitator):
    pytest.importorskip("weasyprint")
    key = pdf.cache_key(briefing)
    services.edit_voice(voice, by=facilitator, quote="Other words")
    assert pdf.cache_key(briefing) != key


def test_programme_only_words_never_reach_visitors_on_a_public_page(
    client_for, index, member, facilitator
):
    secret = make_voice("Words for the programme only", use=Use.PROGRAMME)
    page = create_briefing(body=[bank_voice_block(secret)], owner=facilitator)
    visitor = client_for(None)
    assert "Words for the programme only" not in visitor.get(page.url).content.decode()
    assert "Words for the programme only" not in _pdf(visitor, page)
    assert "Words for the programme only" in client_for(member).get(page.url).content.decode()


def test_programme_only_words_are_in_a_programme_briefing_and_its_pdf(client_for, index, member):
    secret = make_voice("Words for the programme only", use=Use.PROGRAMME)
    page = create_briefing(body=[bank_voice_block(secret)], audience=Audience.PROGRAMME)
    reader = client_for(member)
    assert "Words for the programme only" in reader.get(page.url).content.decode()
    assert "Words for the programme only" in _pdf(reader, page)


def test_words_awaiting_check_back_are_not_shown(client, index):
    waiting = make_voice("Not checked yet", status=Status.AWAITING)
    page = create_briefing(body=[bank_voice_block(waiting)])
    text = client.get(page.url).content.decode()
    assert "Not checked yet" not in text


def test_the_voice_chooser_lists_approved_voices_only(client_for, facilitator, index):
    make_voice("Approved words")
    make_voice("Waiting words", status=Status.AWAITING)
    make_voice("", status=Status.WITHDRAWN)
    from hub.voices.models import Voice

    url = reverse(Voice.snippet_viewset.chooser_viewset.get_url_name("choose"))
    text = client_for(facilitator).get(url).content.decode()
    assert "Approved words" in text
    assert "Waiting words" not in text
    assert "Withdrawn voice" not in text
    assert re.search(r"Choose", text)


def test_the_voice_chooser_hands_back_only_the_voices_it_lists(client_for, facilitator, index):
    """An id typed into the chooser's address is refused as its list would refuse it."""
    from hub.voices.models import Voice

    approved = make_voice("Approved words")
    waiting = make_voice("Waiting words", status=Status.AWAITING)
    chooser = Voice.snippet_viewset.chooser_viewset
    client = client_for(facilitator)
    for voice, status in [(approved, 200), (waiting, 404)]:
        url = reverse(chooser.get_url_name("chosen"), args=[voice.pk])
        assert client.get(url).status_code == status
    url = reverse(chooser.get_url_name("chosen_multiple"))
    text = client.get(url, {"id": [approved.pk, waiting.pk]}).content.decode()
    assert "Approved words" in text
    assert "Waiting words" not in text
