"""A member posts in their partnership's space with the keyboard alone, at 320 px and on a
desktop; the partnership page, the space, a thread and the post form's errors pass axe-core."""

import re

import pytest

from hub.partnerships import services
from hub.partnerships.models import Thread
from hub.people.factories import PartnershipFactory, member_of
from hub.people.models import Membership

from .conftest import assert_accessible, assert_fits_width, sign_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    partnership = PartnershipFactory(
        name="Fenland Family Futures", locality="Wisbech", description="Parents and services."
    )
    lead = member_of(partnership, Membership.Role.LEAD, email="lead@example.org")
    member = member_of(partnership, email="member@example.org", display_name="Maya Member")
    thread = services.post_thread(
        partnership, author=lead, title="Stay and play cover", body="Who can do *Saturday*?"
    )
    services.set_pinned(thread, by=lead, pinned=True)
    services.post_reply(thread, author=member, body="I can do the morning.")
    return partnership, member


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_member_posts_in_their_partnerships_space_by_keyboard(page, phone_page, world, size):
    partnership, member = world
    p = phone_page if size == "phone" else page
    sign_in(p, member.email)

    p.goto(p.base_url + partnership.get_absolute_url())
    assert_accessible(p)
    assert_fits_width(p)
    tab_to(p, r"\|Open your partnership's space\|")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/space/$"))
    assert_accessible(p)
    assert_fits_width(p)

    tab_to(p, r"\|Post on the noticeboard\|")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/space/new/$"))
    tab_to(p, r"^id_body\|")
    p.keyboard.type("Reminder: the **parents' forum** moved to Tuesday.")
    tab_to(p, r"\|Post\|")
    p.keyboard.press("Enter")
    # No title: the error summary is focused, links to the field and keeps the message.
    p.wait_for_selector(".error-summary")
    assert "Enter a title." in p.inner_text(".error-summary")
    assert "parents' forum" in p.locator("#id_body").input_value()
    assert_accessible(p)
    assert_fits_width(p)

    p.focus("#id_title")
    p.keyboard.type("Forum moves to Tuesday")
    tab_to(p, r"\|Post\|")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/space/threads/\d+/$"))
    thread = Thread.objects.get(title="Forum moves to Tuesday")
    assert thread.author == member and thread.shared_at is None
    assert p.locator(".user-content strong").inner_text() == "parents' forum"
    assert_accessible(p)
    assert_fits_width(p)

    tab_to(p, r"^id_body\|")
    p.keyboard.type("Thanks, I'll tell the dads' group.")
    tab_to(p, r"\|Post your reply\|")
    p.keyboard.press("Enter")
    p.wait_for_selector("text=Your reply is posted.")
    assert thread.replies.count() == 1
    assert_accessible(p)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_visitor_reads_a_partnerships_public_page(page, phone_page, world, size):
    """The public page is for visitors too: who they are and where, with nothing of the
    space; accessible and fitting a 320 px screen."""
    partnership, _member = world
    p = phone_page if size == "phone" else page
    p.goto(p.base_url + partnership.get_absolute_url())
    main = p.locator("main").inner_text()
    assert "Fenland Family Futures" in main and "Wisbech" in main
    assert "Parents and services." in main
    assert "Stay and play cover" not in main and "Open your partnership's space" not in main
    assert_accessible(p)
    assert_fits_width(p)
    # The sign-in link for the partnership's own people is reachable by keyboard.
    tab_to(p, r"\|Sign in\|")
