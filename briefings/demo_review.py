"""Demo: a learning history still in draft, shared for comment with two people quoted in it
and one partnership, with a couple of comments waiting for the learning team. Safe to run
twice (it looks the draft up by its slug first)."""

from django.utils import timezone

from hub.people.models import Partnership, User
from hub.themes.models import Theme

from . import services
from .demo.blocks import commentary, paragraph, voice
from .models import BriefingPage
from .review import services as review

SLUG = "families-leaning-on-each-other-draft"


def _body():
    return [
        ("heading", "How families found each other"),
        paragraph(
            "This is a learning history in draft. Before we publish it, we are checking with "
            "the people quoted in it that their words, and how they are described, are right."
        ),
        commentary(
            "Across two partnerships, families told us the most useful support came from "
            "other parents, often outside any service's opening hours.",
            voice("When the group chat started, I stopped feeling like the only one.", "parent"),
            voice(
                "We learned to step back and let families run the Saturday sessions.",
                "practitioner",
            ),
        ),
        commentary(
            "Services noticed too: referrals fell where peer groups were strongest, though we "
            "cannot yet say why.",
            voice("I used to think support meant a professional in the room.", "senior leader"),
        ),
    ]


def seed(stdout, scale=1):
    """Create the draft, share it and add two comments (once)."""
    if BriefingPage.objects.filter(slug=SLUG).exists():
        stdout.write("  the draft shared for comment is already there")
        return {}
    officer = User.objects.filter(email="facilitator@example.org").first()
    first = User.objects.filter(email="member@example.org").first()
    second = User.objects.filter(email="member5@example.org").first()
    partnership = Partnership.objects.exclude(memberships__person=first).order_by("pk").first()
    if not (officer and first and second and partnership):
        stdout.write("  no demo people yet: skipped the draft shared for comment")
        return {}
    index = services.ensure_index()
    number = (
        BriefingPage.objects.order_by("-series_number")
        .values_list("series_number", flat=True)
        .first()
        or 0
    )
    draft = BriefingPage(
        title="Families leaning on each other: a learning history",
        slug=SLUG,
        series_number=number + 1,
        summary="How peer support between families grew in two partnerships, and what "
        "services learned from stepping back.",
        publication_date=timezone.localdate(),
        body=_body(),
        live=False,
    )
    index.add_child(instance=draft)
    draft.themes.set(Theme.objects.filter(name__icontains="co-production")[:1])
    draft.save_revision(user=officer)
    share = review.share_for_comment(
        draft,
        people=[first, second],
        partnerships=[partnership],
        by=officer,
        message="Please check your words and how you are described by the end of the month.",
    )
    review.comment(share, first, "That is what I said. Please call me a mum, not a parent.")
    review.comment(
        share, second, "Could you add that the Saturday sessions started in the library?"
    )
    stdout.write("  a learning history shared for comment with two people and a partnership")
    return {"share": share}
