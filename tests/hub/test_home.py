"""The home page is the site root, served by Wagtail."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_welcomes_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Welcome to the hub" in response.content
    assert b'href="#main"' in response.content  # skip link
    assert b"<main" in response.content


def test_home_page_tells_people_awaiting_approval(client_for, db):
    from hub.people.factories import UserFactory

    response = client_for(UserFactory(is_approved=False)).get("/")
    assert b"will approve your account" in response.content


def test_no_asset_comes_from_another_site(client, member):
    client.force_login(member)
    for path in ["/", "/accounts/login/", "/partnerships/"]:
        content = client.get(path, follow=True).content.decode()
        for match in __import__("re").findall(r'(?:src|href)="(https?://[^"]+)"', content):
            assert match.startswith("http://testserver"), f"{path} loads {match}"
