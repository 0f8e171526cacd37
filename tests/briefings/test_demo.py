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
    assert used == set(BriefingBodyBlock.base_blocks)
    assert all(page.themes.exists() for page in briefings)
    assert BriefingResponse.objects.count() == 2
    for page in briefings.filter(audience=Audience.PROGRAMME):
        page.full_clean()  # its documents are in the private collection
