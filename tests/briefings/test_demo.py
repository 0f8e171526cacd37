"""The demo seeder: believable briefings, every block type, and safe to run twice."""

import io

from briefings import demo
from briefings.blocks import BriefingBodyBlock
from briefings.models import Audience, BriefingPage, BriefingResponse
from hub.core import demo as core_demo


def test_seed_is_idempotent_and_covers_every_block(db):
    out = io.StringIO()
    core_demo.seed(out)
    demo.seed(out)
    demo.seed(out)
    briefings = BriefingPage.objects.all()
    assert briefings.count() >= 5
    assert briefings.filter(audience=Audience.PROGRAMME, live=True).count() == 1
    scheduled = briefings.filter(live=False, go_live_at__isnull=False)
    assert scheduled.count() == 1
    used = {block.block_type for page in briefings for block in page.body}
    # Every block but the bank's: the voice bank's demo, seeded after this one, quotes its
    # voices in a briefing (tests/voices/test_demo.py).
    assert used == set(BriefingBodyBlock.base_blocks) - {"bank_voice"}
    assert all(page.themes.exists() for page in briefings)
    assert BriefingResponse.objects.count() == 2
    for page in briefings.filter(audience=Audience.PROGRAMME):
        page.full_clean()  # its documents are in the private collection


def test_one_briefing_is_a_full_length_learning_history(db):
    core_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    page = BriefingPage.objects.get(series_number=1)
    sections = [block.value for block in page.body if block.block_type == "commentary_narrative"]
    assert len(sections) >= 6  # commentary beside narrative, section after section
    roles = {str(v["role"]).lower() for section in sections for v in section["voices"]}
    assert any("parent" in role for role in roles)
    assert any(r in roles for r in ("early help practitioner", "health visitor"))
    assert any(r in roles for r in ("senior leader", "commissioner", "partnership lead"))
    text = [section["commentary"].source for section in sections]
    text += [v["quote"] for section in sections for v in section["voices"]]
    words = sum(len(part.split()) for part in text)
    assert words > 600  # the other demo briefings are about 150 words in all
    # The prompts the demo's two responses answer are still there.
    assert page.responses.count() == 2
