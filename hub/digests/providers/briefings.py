"""New thematic briefings, through ``briefings.queries.latest_briefings``."""

from briefings.queries import latest_briefings
from hub.digests.sections import DigestItem, SectionProvider, shorten


class NewBriefings(SectionProvider):
    key = "briefings"
    title = "New briefings"
    intro = "What the partnerships are learning, written up by the programme team."
    noun = ("new briefing", "new briefings")
    more_url = "/briefings/"

    def candidates(self, period, viewer):
        briefings = [
            page
            for page in latest_briefings(viewer, since=period.start, limit=None)
            if page.first_published_at and page.first_published_at < period.end
        ]
        for page in briefings:
            # Resolved once per batch, not once per member.
            page.digest_url = page.get_url() or ""
            page.digest_theme_ids = {theme.pk for theme in page.themes.all()}
            page.digest_meta = shorten(page.summary)
        return briefings

    def for_member(self, member, candidates, context):
        return [
            DigestItem(
                title=page.title,
                url=page.digest_url,
                meta=page.digest_meta,
                rank=(
                    self.theme_rank(context.theme_ids, page.digest_theme_ids),
                    -page.first_published_at.timestamp(),
                ),
            )
            for page in candidates
            if page.can_view(member)
        ]
