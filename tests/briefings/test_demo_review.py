"""The demo has a learning history in draft, shared for comment with two people and a
partnership, with two comments; seeding twice changes nothing."""

import io

from django.urls import reverse

from briefings import demo, demo_review
from briefings.models import DraftComment, DraftShare
from hub.core import demo as core_demo
from hub.people.models import User


def test_the_demo_shares_a_learning_history_for_comment(db, client):
    out = io.StringIO()
    core_demo.seed(out)
    demo.seed(out)
    demo_review.seed(out)
    demo_review.seed(out)
    share = DraftShare.objects.get()
    assert share.is_open and not share.page.live
    assert share.people.count() == 2 and share.partnerships.count() == 1
    assert DraftComment.objects.filter(share=share).count() == 2
    assert any(block.block_type == "commentary_narrative" for block in share.draft().body)

    client.force_login(User.objects.get(email="member@example.org"))
    page = client.get(share.get_absolute_url()).content.decode()
    assert "I stopped feeling like the only one" in page
    assert "Please call me a mum" in page  # their own comment
    assert "Saturday sessions started in the library" not in page  # someone else's

    client.force_login(User.objects.get(email="facilitator@example.org"))
    page = client.get(reverse("drafts_for_comment:comments", args=[share.pk])).content.decode()
    assert "Please call me a mum" in page
    assert "Saturday sessions started in the library" in page
