"""Site search pages pass axe-core: results, "nothing matched", "Showing results for ..."
and "Did you mean ...?" (on a phone too)."""

import pytest

from briefings.factories import create_briefing
from events.models import TopicIdea
from hub.people.factories import PartnershipFactory, member_of

from .conftest import assert_accessible, assert_fits_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_results_and_corrections_are_accessible(page, phone_page):
    partnership = PartnershipFactory(name="Fenland Family Futures")
    reader = member_of(partnership, email="reader@example.org", display_name="Rae Reader")
    create_briefing(title="Asking for consent well", summary="Plain words about consent.")
    create_briefing(title="A dad's first year", summary="What fathers told us.")
    TopicIdea.objects.create(
        title="Forms in schools", description="Our concent form is too long.", proposed_by=reader
    )
    sign_in(page, reader.email)
    for query, expected in [
        ("dads", "first year"),
        ("xylophone", "Nothing matched “xylophone”"),
        ("conset", "Showing results for"),
        ("concent", "Did you mean"),
    ]:
        page.goto(page.base_url + f"/search/?q={query}")
        assert expected in page.locator("main").inner_text()
        assert_accessible(page)
    phone_page.goto(phone_page.base_url + "/search/?q=conset")
    assert "Showing results for" in phone_page.locator("main").inner_text()
    assert_accessible(phone_page)
    assert_fits_width(phone_page)
