"""The partnership directory, partnership pages and profiles."""

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_the_list_is_public_and_only_members_see_how_many_belong(
    client_for, member, partnership, other_partnership
):
    visitor = client_for(None).get("/partnerships/")
    assert visitor.status_code == 200
    assert b"Pennine Early Help Alliance" in visitor.content
    assert b"1 member" not in visitor.content and b"0 members" not in visitor.content
    response = client_for(member).get("/partnerships/")
    assert response.status_code == 200
    assert b"Pennine Early Help Alliance" in response.content
    assert b"1 member" in response.content


def test_member_cannot_open_another_partnerships_members_page(client_for, outsider, partnership):
    url = reverse("people:partnership_members", args=[partnership.slug])
    assert client_for(outsider).get(url).status_code == 403


def test_own_members_page_lists_people(client_for, member, lead, partnership):
    response = client_for(member).get(
        reverse("people:partnership_members", args=[partnership.slug])
    )
    assert response.status_code == 200
    assert b"Liam Lead" in response.content
    assert b"Send invitation" not in response.content  # members cannot invite


def test_officer_sees_any_members_page(client_for, officer, partnership, member):
    response = client_for(officer).get(
        reverse("people:partnership_members", args=[partnership.slug])
    )
    assert b"Maya Member" in response.content
    assert b"Send invitation" in response.content


def test_profile_edit_keeps_input_on_error(client_for, member):
    client = client_for(member)
    response = client.post(reverse("people:edit_profile"), {"display_name": "", "bio": "Hello"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Hello" in response.content
    response = client.post(
        reverse("people:edit_profile"), {"display_name": "Maya M", "role_in_own_words": "parent"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Maya M"


def test_profiles_are_for_members(client_for, member):
    assert client_for(None).get(member.get_absolute_url()).status_code == 302
    assert client_for(member).get(member.get_absolute_url()).status_code == 200
