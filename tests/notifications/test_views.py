"""The bell, the list, opening one, marking read, choices and announcements, as people see them."""

import re

from hub.notifications import announcements
from hub.notifications.kinds import Channel, all_kinds
from hub.notifications.models import Notification, NotificationPreference
from hub.notifications.services import notify, unread_count
from hub.questions import services as questions
from hub.questions.factories import AnswerFactory


def test_the_bell_shows_the_unread_count_with_words(client_for, question, member, outsider):
    body = client_for(member).get("/").content.decode()
    assert ">Notifications</a>" in body
    questions.post_answer(question, author=outsider, body="We use a closed group.")
    body = client_for(member).get("/").content.decode()
    assert 'Notifications (1)<span class="visually-hidden"> unread</span>' in body


def test_visitors_have_no_bell_and_the_list_asks_them_to_sign_in(client, db):
    assert b"Notifications" not in client.get("/").content
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_says_unread_in_words_and_opening_lands_on_the_answer(
    client_for, question, member, outsider
):
    answer = questions.post_answer(question, author=outsider, body="We use a closed group.")
    client = client_for(member)
    body = client.get("/notifications/").content.decode()
    assert "Unread" in body
    assert "Owen Outsider answered “How do you keep parents&#x27; WhatsApp groups safe?”" in body
    [notification] = Notification.objects.filter(recipient=member)
    response = client.get(f"/notifications/{notification.pk}/")
    assert response.status_code == 302 and response["Location"] == answer.get_absolute_url()
    assert unread_count(member) == 0
    assert "Unread" not in client.get("/notifications/").content.decode()


def test_mark_one_and_mark_all_read_are_posts(client_for, question, member, outsider):
    for n in range(3):
        questions.post_answer(question, author=outsider, body=f"Answer {n}")
    client = client_for(member)
    first = Notification.objects.filter(recipient=member).first()
    assert client.get(f"/notifications/{first.pk}/read/").status_code == 405
    client.post(f"/notifications/{first.pk}/read/")
    assert unread_count(member) == 2
    assert client.get("/notifications/read-all/").status_code == 405
    response = client.post("/notifications/read-all/", follow=True)
    assert unread_count(member) == 0
    assert "All your notifications are marked as read." in response.content.decode()


def test_someone_else_s_notification_is_not_found(client_for, question, member, outsider):
    questions.post_answer(question, author=outsider, body="An answer")
    notification = Notification.objects.get(recipient=member)
    client = client_for(outsider)
    assert client.get(f"/notifications/{notification.pk}/").status_code == 404
    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 404
    client.post("/notifications/read-all/")
    assert unread_count(member) == 1


def test_odd_page_numbers_do_not_break_the_list(client_for, member):
    client = client_for(member)
    for page in ("0", "-1", "abc", "99999", "1e9"):
        assert client.get("/notifications/", {"page": page}).status_code == 200


def test_choices_are_saved_and_an_unknown_choice_keeps_the_input(client_for, member):
    client = client_for(member)
    body = client.get("/notifications/choices/").content.decode()
    assert "Answers to my questions and to questions I follow" in body
    assert "<legend>" in body  # each kind is a fieldset of radios
    # Every kind the apps register is a question on the page; answer them all.
    data = {kind.key: Channel.HUB for kind in all_kinds()}
    data.update(event_changed=Channel.DIGEST, set_answer="email", moderation="off")
    data.update(announcement="loud")
    response = client.post("/notifications/choices/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    # The other answers are kept: "digest" stays chosen for events.
    assert re.search(r'name="event_changed" value="digest"[^>]*checked', body)
    assert not NotificationPreference.objects.exists()
    data["announcement"] = "digest"
    client.post("/notifications/choices/", data)
    chosen = dict(NotificationPreference.objects.values_list("kind", "channel"))
    assert chosen["moderation"] == "off" and chosen["event_changed"] == "digest"


def test_only_officers_announce_and_the_form_keeps_input(client_for, member, officer):
    assert client_for(member).get("/notifications/announce/").status_code == 403
    client = client_for(officer)
    response = client.post(
        "/notifications/announce/",
        {"title": "Dates for spring", "body": "Three huddles.", "audience": "partnership"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose the partnership that should hear this" in body and "Dates for spring" in body
    response = client.post(
        "/notifications/announce/",
        {"title": "Dates for spring", "body": "Three huddles.", "audience": "everyone"},
        follow=True,
    )
    assert "Three huddles." in response.content.decode()
    assert unread_count(member) == 1


def test_a_partnership_announcement_is_refused_to_other_partnerships(
    client_for, officer, member, outsider, partnership
):
    item = announcements.announce(
        by=officer,
        title="For Harbourside",
        body="Private plans.",
        audience="partnership",
        partnership=partnership,
    )
    assert client_for(outsider).get(f"/notifications/announcements/{item.pk}/").status_code == 404
    assert (
        b"Private plans."
        in client_for(member).get(f"/notifications/announcements/{item.pk}/").content
    )


def test_the_list_costs_the_same_queries_with_ten_times_the_notifications(
    client_for, question, member, outsider, assert_flat_queries
):
    client = client_for(member)

    def grow(n):
        for _ in range(n):
            notify(
                [member],
                "answer",
                AnswerFactory(question=question, author=outsider),
                actor=outsider,
            )
            notify([member], "mention", question, actor=outsider)

    def run():
        response = client.get("/notifications/")
        assert response.status_code == 200

    assert_flat_queries(run, grow, small=1, large=10)
