"""A partnership offers to host a huddle on a topic idea; an officer turns the offer into an
event hosted by that partnership, through the one "turn into an event"."""

import pytest

from events import services
from events.models import EventPage, HostOffer

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(outsider):
    return services.propose_topic_idea(outsider, "Reaching fathers", "How do we reach dads?")


def _idea_page(client, idea):
    return client.get(f"/events/ideas/{idea.pk}/").content.decode()


def test_a_member_offers_for_their_partnership_and_officers_see_it_beside_the_idea(
    client_for, member, partnership, officer, idea
):
    client = client_for(member)
    assert "Offer to host a huddle on this" in _idea_page(client, idea)
    response = client.post(
        f"/events/ideas/{idea.pk}/host/",
        {"offer-partnership": partnership.pk, "offer-note": "Our dads' group could present."},
    )
    assert response.status_code == 302
    offer = HostOffer.objects.get()
    assert (offer.partnership, offer.offered_by) == (partnership, member)
    page = _idea_page(client, idea)
    assert "Harbourside Families Together</a> offered to host" in page
    assert "Offer to host a huddle on this" not in page  # once per partnership
    officer_page = _idea_page(client_for(officer), idea)
    assert "Turn into an event hosted by Harbourside Families Together" in officer_page
    assert "Our dads&#x27; group could present." in officer_page


def test_nobody_offers_for_a_partnership_they_are_not_in(client_for, outsider, partnership, idea):
    response = client_for(outsider).post(
        f"/events/ideas/{idea.pk}/host/", {"offer-partnership": partnership.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not HostOffer.objects.exists()


def test_a_second_offer_from_the_same_partnership_is_refused(member, lead, partnership, idea):
    from hub.core.services import ServiceError

    services.offer_to_host(member, idea, partnership)
    with pytest.raises(ServiceError):
        services.offer_to_host(lead, idea, partnership)
    assert HostOffer.objects.count() == 1


def test_an_officer_turns_an_offer_into_an_event_hosted_by_the_partnership(
    client_for, member, partnership, officer, idea
):
    offer = services.offer_to_host(member, idea, partnership)
    response = client_for(officer).post(f"/events/ideas/{idea.pk}/event/", {"offer": offer.pk})
    event = EventPage.objects.get(title="Reaching fathers")
    assert response["Location"] == f"/admin/pages/{event.pk}/edit/"
    assert event.hosting_partnership == partnership
    idea.refresh_from_db()
    assert idea.scheduled_event_id == event.pk


def test_an_offer_taken_up_later_gives_a_draft_without_a_host_its_host(
    client_for, member, partnership, officer, idea
):
    client = client_for(officer)
    client.post(f"/events/ideas/{idea.pk}/event/")
    event = EventPage.objects.get(title="Reaching fathers")
    assert event.hosting_partnership is None
    offer = services.offer_to_host(member, idea, partnership)
    client.post(f"/events/ideas/{idea.pk}/event/", {"offer": offer.pk})
    event.refresh_from_db()
    assert event.hosting_partnership == partnership
    assert EventPage.objects.filter(title="Reaching fathers").count() == 1


def test_members_cannot_turn_offers_into_events(client_for, member, partnership, idea):
    offer = services.offer_to_host(member, idea, partnership)
    response = client_for(member).post(f"/events/ideas/{idea.pk}/event/", {"offer": offer.pk})
    assert response.status_code == 403
    assert not EventPage.objects.filter(title="Reaching fathers").exists()
