import pytest

pytestmark = pytest.mark.django_db


def test_event_page_renders_for_member(
    client_for, member, event, django_capture_on_commit_callbacks
):
    client = client_for(member)
    response = client.get(event.url)
    assert response.status_code == 200
    assert b"Register" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert b"You are registered" in response.content
    response = client.get(event.get_parent().url)
    assert response.status_code == 200
    assert b"Co-production huddle" in response.content
