"""The topic ideas board: propose, support once, officers plan and schedule, supporters told."""

from django.core import mail

import pytest

from events import services
from events.models import EventPage, TopicIdea
from hub.core.models import HubHomePage

pytestmark = pytest.mark.django_db


def test_board_propose_and_support(client_for, member, outsider):
    response = client_for(member).post(
        "/events/ideas/new/", {"title": "Reaching fathers", "description": "How?"}
    )
    assert response.status_code == 302
    idea = TopicIdea.objects.get()
    client = client_for(outsider)
    client.post(f"/events/ideas/{idea.pk}/support/")
    client.post(f"/events/ideas/{idea.pk}/support/")
    assert idea.supports.count() == 2
    page = client.get("/events/ideas/").content.decode()
    assert "Reaching fathers" in page and "2 supporters" in page
    assert "Withdraw support" in page
    client.post(f"/events/ideas/{idea.pk}/support/", {"withdraw": "1"})
    assert idea.supports.count() == 1


def test_propose_form_shows_errors(client_for, member):
    response = client_for(member).post("/events/ideas/new/", {"title": ""})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_board_is_for_members(client_for):
    assert client_for(None).get("/events/ideas/").status_code == 302


def test_support_redirect_stays_on_site(client_for, member):
    idea = services.propose_topic_idea(member, "An idea")
    response = client_for(member).post(
        f"/events/ideas/{idea.pk}/support/", {"next": "https://evil.example.com/"}
    )
    assert response["Location"] == "/events/ideas/"


def test_ideas_from_briefings_are_listed(client_for, member):
    home = HubHomePage.objects.get()
    services.propose_topic_idea(member, "From a prompt", origin_page=home)
    services.propose_topic_idea(member, "Not from a briefing")
    page = client_for(member).get("/events/ideas/?status=briefings").content.decode()
    assert "From a prompt" in page and "Not from a briefing" not in page


def test_only_officers_plan_and_schedule(client_for, member, lead, officer):
    idea = services.propose_topic_idea(member, "Reaching fathers")
    for person in (member, lead):
        client = client_for(person)
        assert (
            client.post(f"/events/ideas/{idea.pk}/status/", {"status": "planned"}).status_code
            == 403
        )
        assert client.post(f"/events/ideas/{idea.pk}/event/").status_code == 403
    response = client_for(officer).post(f"/events/ideas/{idea.pk}/status/", {"status": "planned"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == "planned"


def test_turning_an_idea_into_an_event_prefills_a_draft_and_tells_supporters(
    client_for, member, outsider, officer, django_capture_on_commit_callbacks
):
    from hub.themes.factories import ThemeFactory

    theme = ThemeFactory(name="Relational practice")
    idea = services.propose_topic_idea(
        member, "Reaching fathers", "How do we reach dads?", themes=[theme]
    )
    services.support_topic_idea(outsider, idea)
    response = client_for(officer).post(f"/events/ideas/{idea.pk}/event/")
    event = EventPage.objects.get(title="Reaching fathers")
    assert response["Location"] == f"/admin/pages/{event.pk}/edit/"
    assert not event.live
    assert event.summary == "How do we reach dads?"
    # The editor opens the latest revision, which carries the idea's themes.
    assert list(event.get_latest_revision_as_object().themes.all()) == [theme]
    idea.refresh_from_db()
    assert (idea.status, idea.scheduled_event_id) == ("planned", event.pk)
    # The draft is not shown on the board to members.
    assert "Now scheduled" not in client_for(member).get("/events/ideas/").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision(user=officer).publish()
    idea.refresh_from_db()
    assert idea.status == "scheduled"
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.org", "outsider@example.org"]
    assert "Your topic idea is happening" in mail.outbox[0].subject
    # Publishing again tells no one twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision(user=officer).publish()
    assert mail.outbox == []
