"""A partnership's space: who gets in, posting, pinning, sharing with the programme team."""

import pytest

from hub.partnerships import services
from hub.partnerships.factories import ReplyFactory, ThreadFactory
from hub.partnerships.models import Reply, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(partnership, member):
    return services.post_thread(
        partnership, author=member, title="Stay and play cover", body="Can anyone do **Saturday**?"
    )


def _space(partnership):
    return f"/partnerships/{partnership.slug}/space/"


def _read(client, url):
    return client.get(url).content.decode()


def _share(client, thread):
    return client.post(f"{thread.get_absolute_url()}share/", {"shared": "1"}).status_code


def test_a_member_posts_a_thread_and_sees_it_on_the_noticeboard(client_for, partnership, member):
    client = client_for(member)
    response = client.post(
        f"{_space(partnership)}new/",
        {"title": "Cover for Saturday", "body": "Who can help at the *stay and play*?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "<em>stay and play</em>" in page  # Markdown, rendered
    assert "Cover for Saturday" in client.get(_space(partnership)).content.decode()


def test_the_post_form_keeps_what_was_typed_and_says_what_is_missing(
    client_for, partnership, member
):
    response = client_for(member).post(f"{_space(partnership)}new/", {"title": "", "body": "Hi"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Enter a title." in page
    assert "Hi</textarea>" in page
    assert not Thread.objects.exists()


def test_markdown_in_a_thread_is_sanitised(client_for, partnership, member):
    thread = services.post_thread(
        partnership, author=member, title="Hello", body="<script>alert(1)</script> hi"
    )
    page = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page


def test_a_member_replies_and_the_reply_is_shown(client_for, partnership, member, lead, thread):
    response = client_for(lead).post(thread.get_absolute_url(), {"body": "I can do the morning."})
    reply = Reply.objects.get()
    assert response["Location"].endswith(f"#reply-{reply.pk}")
    assert (
        "I can do the morning."
        in client_for(member).get(thread.get_absolute_url()).content.decode()
    )


def test_an_empty_reply_is_refused_with_an_error(client_for, partnership, lead, thread):
    response = client_for(lead).post(thread.get_absolute_url(), {"body": ""})
    assert response.status_code == 400
    assert "Enter your reply." in response.content.decode()


@pytest.mark.parametrize("who", ["visitor", "outsider"])
def test_people_outside_the_partnership_cannot_open_its_space_or_threads(
    client_for, partnership, outsider, thread, who
):
    person = outsider if who == "outsider" else None
    client = client_for(person)
    space = client.get(_space(partnership))
    page = client.get(thread.get_absolute_url())
    assert space.status_code in (302, 403)
    assert page.status_code in (302, 404)
    assert "Saturday" not in page.content.decode()
    if person:
        assert client.post(thread.get_absolute_url(), {"body": "sneaky"}).status_code == 404
        assert (
            client.post(f"{_space(partnership)}new/", {"title": "x", "body": "y"}).status_code
            == 403
        )
    assert not Reply.objects.exists()


def test_only_a_lead_pins_and_pinned_notices_come_first(
    client_for, partnership, member, lead, thread
):
    newer = ThreadFactory(partnership=partnership, author=member, title="A newer thread")
    url = f"{thread.get_absolute_url()}pin/"
    assert client_for(member).post(url, {"pinned": "1"}).status_code == 403
    thread.refresh_from_db()
    assert not thread.is_pinned
    assert client_for(lead).post(url, {"pinned": "1"}).status_code == 302
    thread.refresh_from_db()
    assert thread.is_pinned
    page = client_for(member).get(_space(partnership)).content.decode()
    assert (
        page.index("Pinned notices") < page.index("Stay and play cover") < page.index(newer.title)
    )


def test_a_lead_sees_pin_buttons_and_a_member_does_not(client_for, member, lead, thread):
    assert "Pin to the top" in client_for(lead).get(thread.get_absolute_url()).content.decode()
    assert (
        "Pin to the top" not in client_for(member).get(thread.get_absolute_url()).content.decode()
    )


def test_officers_see_counts_not_content_until_a_thread_is_shared(
    client_for, partnership, member, officer, facilitator, thread
):
    ReplyFactory(thread=thread, author=member, body="Reply words")
    for person in (officer, facilitator):
        client = client_for(person)
        space = client.get(_space(partnership)).content.decode()
        assert "1 new thread and 1 reply" in space
        assert "Stay and play cover" not in space
        assert client.get(thread.get_absolute_url()).status_code == 404
        about = client.get(partnership.get_absolute_url()).content.decode()
        assert "1 new thread" in about and "Stay and play cover" not in about

    assert (
        client_for(member).post(f"{thread.get_absolute_url()}share/", {"shared": "1"}).status_code
        == 302
    )
    for person in (officer, facilitator):
        client = client_for(person)
        assert "Stay and play cover" in client.get(_space(partnership)).content.decode()
        page = client.get(thread.get_absolute_url()).content.decode()
        assert "Reply words" in page
        assert "Your reply" not in page  # the team reads; the partnership talks


def test_only_the_author_or_a_lead_shares(client_for, partnership, lead, thread):
    from hub.people.factories import MembershipFactory, UserFactory

    other = UserFactory(email="other@example.org")
    MembershipFactory(person=other, partnership=partnership)
    assert (
        client_for(other).post(f"{thread.get_absolute_url()}share/", {"shared": "1"}).status_code
        == 403
    )
    assert (
        client_for(lead).post(f"{thread.get_absolute_url()}share/", {"shared": "1"}).status_code
        == 302
    )


def test_the_partnership_page_lists_what_they_shared_and_the_way_in(
    client_for, partnership, member, outsider, thread
):
    own = client_for(member).get(partnership.get_absolute_url()).content.decode()
    assert "Open your partnership's space" in own
    assert "Stay and play cover" in own
    other = client_for(outsider).get(partnership.get_absolute_url()).content.decode()
    assert "What they have shared" in other and "Events they host" in other
    assert "Stay and play cover" not in other
    assert _space(partnership) not in other


def test_the_space_lists_members_and_leaves_room_for_reflection_meetings(
    client_for, partnership, member, lead
):
    page = client_for(member).get(_space(partnership)).content.decode()
    assert "Liam Lead</a> (partnership lead)" in page
    assert "Reflection meetings" in page
    assert f"/partnerships/{partnership.slug}/members/" in page


def test_a_space_costs_the_same_queries_with_ten_times_the_threads(
    client_for, partnership, member, lead, assert_flat_queries
):
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            t = ThreadFactory(partnership=partnership, author=lead)
            ReplyFactory(thread=t, author=member)

    def run():
        assert client.get(_space(partnership)).status_code == 200

    assert_flat_queries(run, grow)


def test_a_thread_page_costs_the_same_queries_with_ten_times_the_replies(
    client_for, partnership, member, lead, thread, assert_flat_queries
):
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            ReplyFactory(thread=thread, author=lead)

    def run():
        assert client.get(thread.get_absolute_url()).status_code == 200

    assert_flat_queries(run, grow)
