"""Blocks render accessibly; alt text and the consent rule for named voices are enforced."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document

import pytest

from briefings.blocks import BriefingBodyBlock, ImageBlock, RelatedLinkBlock, VoiceBlock
from briefings.factories import create_briefing, demo_image, every_block_body, simple_body
from briefings.models import Audience


@pytest.fixture
def document(db):
    document = Document(title="Report")
    document.file.save("report.txt", ContentFile(b"report"), save=False)
    document.save()
    return document


def test_every_block_renders(client, index, document):
    from hub.voices.factories import make_voice

    voice = make_voice("Words from the bank, quoted live.")
    body = every_block_body(document, demo_image(), bank_voice=voice)
    page = create_briefing(title="Every block", body=body)
    types = {block.block_type for block in page.body}
    assert types == set(BriefingBodyBlock.base_blocks.keys()), "the demo body uses every block"
    html = client.get(page.url).content.decode()
    assert '<h2 class="briefing-heading" id="section-' in html
    assert "Commentary from the learning team." in html
    assert '<figure class="voice-quote">' in html
    assert "parent, Harbourside Families Together" in html
    assert "Words from the bank, quoted live." in html and "mum of two" in html
    assert 'class="learning-history"' in html and "In their words" in html
    assert "Start small." in html and "Pay parents." in html
    assert 'role="note"' in html and "Ask before you record." in html
    assert 'alt="Sticky notes on a wall"' in html and "Workshop" in html
    assert "Video: Parents describe their first huddle" in html
    assert f'href="{document.url}"' in html and "Download The full report" in html
    assert 'href="https://example.org/toolkit">A consent toolkit' in html
    assert "What resonates?" in html


def test_image_block_requires_alt_text(db):
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": demo_image().pk, "alt_text": "", "caption": ""}))


def test_named_voice_needs_consent():
    block = VoiceBlock()
    named = {"quote": "Words", "role": "parent", "partnership": "", "name": "Sam"}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**named, "consent_to_name": False}))
    cleaned = block.clean(block.to_python({**named, "consent_to_name": True}))
    assert "Sam, parent" in block.render(cleaned)


def test_name_never_shown_without_consent():
    # Even if a name slipped into stored data, the template needs the consent flag.
    block = VoiceBlock()
    value = block.to_python(
        {
            "quote": "Words",
            "role": "parent",
            "partnership": "",
            "name": "Sam",
            "consent_to_name": False,
        }
    )
    assert "Sam" not in block.render(value)


def test_related_link_needs_a_target():
    block = RelatedLinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "", "title": "", "description": ""}))


def test_related_link_to_a_programme_only_page_is_hidden_from_visitors(client_for, member, index):
    private = create_briefing(title="Private neighbour", audience=Audience.PROGRAMME)
    page = create_briefing(
        title="Points at it",
        body=[("related_link", {"page": private, "url": "", "title": "", "description": ""})],
    )
    assert "Private neighbour" not in client_for(None).get(page.url).content.decode()
    assert "Private neighbour" in client_for(member).get(page.url).content.decode()


def test_reading_time_grows_with_the_words(index):
    short = create_briefing(body=simple_body())
    long_text = " ".join(["word"] * 1000)
    long = create_briefing(body=[("paragraph", f"<p>{long_text}</p>")])
    assert short.reading_minutes == 1
    assert long.reading_minutes == 5


def test_prompts_keep_their_ids_between_loads(index):
    page = create_briefing(body=simple_body(prompts=("One?", "Two?")))
    first = page.prompts
    page.refresh_from_db()
    reloaded = type(page).objects.get(pk=page.pk)
    assert [p[0] for p in reloaded.prompts] == [p[0] for p in first]
    assert [p[1] for p in first] == ["One?", "Two?"]


def test_programme_only_pages_are_not_in_the_sitemap(index):
    private = create_briefing(audience=Audience.PROGRAMME)
    public = create_briefing()
    assert private.get_sitemap_urls() == []
    assert public.get_sitemap_urls()
