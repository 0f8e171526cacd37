"""Who sees what of a partnership's learning: what went well once shared reaches My hub and
the digest of every member; a shared summary reaches the programme team and no other
partnership; an unshared reflection reaches nobody outside the room (the whole-site crawl
in tests/test_privacy_crawl.py reads every path as each role; these are the direct cases)."""

from django.urls import reverse

import pytest

from hub.learning import services
from tests.privacy.crawl import digest_text


@pytest.fixture
def posts(partnership, member):
    services.post_went_well(
        partnership,
        kind="thank_you",
        title="Thank you to the school caretaker",
        body="He kept the hall open late for the dads' group.",
        by=member,
    )
    services.post_went_well(
        partnership,
        kind="success",
        title="Not ready to share",
        body="Still a draft.",
        share=False,
        by=member,
    )


@pytest.mark.parametrize("role", ["member", "outsider", "officer"])
def test_what_went_well_is_on_my_hub_and_in_the_digest(posts, role, request, client_for):
    person = request.getfixturevalue(role)
    my_hub = client_for(person).get("/my-hub/").content.decode()
    assert "What went well" in my_hub
    assert "Thank you to the school caretaker" in my_hub
    assert "Not ready to share" not in my_hub
    digest = digest_text(person)
    assert "Thank you to the school caretaker" in digest
    assert "Not ready to share" not in digest


def test_a_shared_summary_reaches_officers_but_no_other_partnership(
    year, member, officer, outsider, client_for
):
    framework, _isolated, _explain, first = year
    services.share_summary(first, share=True, by=member)
    slug = framework.partnership.slug
    meeting_url = reverse("learning:meeting", args=[slug, first.pk])
    framework_url = reverse("learning:framework", args=[slug])

    officer_page = client_for(officer).get(meeting_url).content.decode()
    assert "We started." in officer_page
    assert "Few families at the café" not in officer_page
    assert "10 January 2026" in client_for(officer).get(framework_url).content.decode()

    outsider_client = client_for(outsider)
    for url in (meeting_url, framework_url, reverse("learning:journey", args=[slug])):
        response = outsider_client.get(url)
        assert response.status_code == 404, url
        assert b"We started." not in response.content
    for where in ("/my-hub/", "/search/?q=started", "/notifications/"):
        assert "We started." not in outsider_client.get(where).content.decode(), where
    assert "We started." not in digest_text(outsider)


def test_stopping_sharing_takes_the_summary_back(year, member, officer, client_for):
    framework, _isolated, _explain, first = year
    services.share_summary(first, share=True, by=member)
    services.share_summary(first, share=False, by=member)
    url = reverse("learning:meeting", args=[framework.partnership.slug, first.pk])
    assert client_for(officer).get(url).status_code == 404
