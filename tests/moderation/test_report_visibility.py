"""Reports answer ``visible_to``/``can_view``: officers see them all, members their own."""

from hub.library.factories import ResourceFactory
from hub.moderation import services
from hub.moderation.models import Report


def test_a_report_is_seen_by_its_reporter_and_officers(
    member, lead, outsider, officer, partnership
):
    resource = ResourceFactory(partnership=partnership)
    report = services.report_content(resource, by=member, reason="It names a child.")

    for person, allowed in ((member, True), (officer, True), (lead, False), (outsider, False)):
        assert report.can_view(person) is allowed
        assert Report.objects.visible_to(person).contains(report) is allowed
    assert not Report.objects.visible_to(None).exists()
