"""New resources in the shared library from other partnerships, through
``hub.library.queries.new_resources``."""

from hub.digests.sections import DigestItem, SectionProvider, shorten
from hub.library.queries import new_resources
from hub.people import roles


def resources_for_period(period, viewer):
    """Every resource shared in the period that anyone might see: once per batch."""
    resources = list(
        new_resources(viewer, since=period.start, limit=None).filter(created_at__lt=period.end)
    )
    for resource in resources:
        resource.digest_url = resource.get_absolute_url()
        resource.digest_theme_ids = {theme.pk for theme in resource.themes.all()}
        resource.digest_meta = " · ".join(
            part
            for part in (
                resource.get_resource_type_display(),
                resource.partnership.name if resource.partnership else "",
                shorten(resource.description, 120),
            )
            if part
        )
    return resources


class NewResources(SectionProvider):
    key = "resources"
    title = "New in the library"
    intro = "Shared by other partnerships; those in your themes come first."
    noun = ("new resource", "new resources")
    more_url = "/library/"

    def candidates(self, period, viewer):
        return resources_for_period(period, viewer)

    def for_member(self, member, candidates, context):
        own = roles.partnership_ids_of(member)
        return [
            DigestItem(
                title=r.title,
                url=r.digest_url,
                meta=r.digest_meta,
                rank=(
                    self.theme_rank(context.theme_ids, r.digest_theme_ids),
                    -r.created_at.timestamp(),
                ),
            )
            for r in candidates
            if r.can_view(member) and r.partnership_id not in own
        ]
