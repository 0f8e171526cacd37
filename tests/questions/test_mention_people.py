"""The mention picker fetches names as the person types: a small JSON answer for members
only, at most ten names, and only people who may be mentioned (approved, active members)."""

import pytest

from hub.people.factories import UserFactory, member_of
from hub.questions import services

pytestmark = pytest.mark.django_db

URL = "/questions/people/"


def test_visitors_are_sent_to_sign_in(client_for):
    response = client_for(None).get(URL, {"q": "ma"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_people_awaiting_approval_are_refused(client_for):
    waiting = UserFactory(email="waiting@example.org", is_approved=False)
    assert client_for(waiting).get(URL, {"q": "ma"}).status_code == 403


def test_a_member_gets_at_most_ten_matching_names(client_for, member, partnership):
    for n in range(12):
        member_of(partnership, email=f"marta{n}@example.org", display_name=f"Marta {n:02}")
    member_of(partnership, email="olu@example.org", display_name="Olu Other")
    response = client_for(member).get(URL, {"q": "mart"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    names = [person["name"] for person in response.json()["people"]]
    assert names == [f"Marta {n:02}" for n in range(10)]


def test_only_people_who_may_be_mentioned_are_offered(client_for, member, partnership):
    member_of(partnership, email="ann@example.org", display_name="Annie Approved")
    UserFactory(email="wait@example.org", display_name="Annie Waiting", is_approved=False)
    UserFactory(email="gone@example.org", display_name="Annie Gone", is_active=False)
    people = client_for(member).get(URL, {"q": "annie"}).json()["people"]
    assert [person["name"] for person in people] == ["Annie Approved"]


def test_the_person_typing_is_not_offered_and_one_letter_or_nul_asks_nothing(client_for, member):
    client = client_for(member)
    assert client.get(URL, {"q": "maya"}).json() == {"people": []}
    assert client.get(URL, {"q": "m"}).json() == {"people": []}
    # A NUL byte is refused by the hub's 400 (hub.core.refusals), never a 500.
    assert client.get(URL, {"q": "ma\x00ya"}).status_code == 400


def test_the_question_page_no_longer_carries_every_member(client_for, member, partnership):
    for n in range(30):
        member_of(partnership, email=f"p{n}@example.org", display_name=f"Embedded Person {n}")
    question = services.ask_question(author=member, title="How do you pay parents?", body="?")
    page = client_for(member).get(question.get_absolute_url()).content.decode()
    assert "Embedded Person" not in page
    assert 'data-people-url="/questions/people/"' in page
