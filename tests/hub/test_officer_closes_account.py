"""An officer closes someone's account on their request (issue 14): the reason and the
person's keep/remove choice, a confirmation step, close_account(by=officer), the record and
the log line; the GOV.UK error pattern; members, leads and facilitators refused."""

import logging

from django.urls import reverse

import pytest

from events.models import Registration
from hub.library.models import Note
from hub.people.models import AccountClosure, User
from tests.hub.test_data_rights import _personal_data_left, closer, world  # noqa: F401
from tests.waiting_list import full_event_with_waiting_list

pytestmark = pytest.mark.django_db

REASON = "Asked by email on 1 December 2026"


def _url(person):
    return reverse("people:close_someones_account", args=[person.pk])


def _text(response):
    return response.content.decode()


def test_the_page_asks_for_the_reason_and_the_choice(client_for, officer, closer):  # noqa: F811
    response = client_for(officer).get(_url(closer))
    assert response.status_code == 200
    text = _text(response)
    assert "Close Zed Closerton&rsquo;s account" in text or "Close Zed Closerton’s account" in text
    assert "Why the account is being closed" in text
    assert "Keep it, shown as written by" in text and "Remove it" in text
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_missing_reason_is_an_error_and_the_choice_is_kept(client_for, officer, closer):  # noqa: F811
    response = client_for(officer).post(_url(closer), {"reason": "   ", "contributions": "remove"})
    assert response.status_code == 200
    text = _text(response)
    assert "<title>Error: Close Zed Closerton&rsquo;s account · The hub</title>" in text
    assert "There is a problem" in text
    assert 'href="#id_reason"' in text  # the summary links to the field
    assert "Enter why the account is being closed, for the record" in text
    assert 'value="remove" id="id_contributions_1" checked' in text or (
        response.context["form"]["contributions"].value() == "remove" and "checked" in text
    )
    assert User.objects.get(pk=closer.pk).is_active
    assert not AccountClosure.objects.exists()


def test_a_missing_choice_is_an_error_and_the_reason_is_kept(client_for, officer, closer):  # noqa: F811
    response = client_for(officer).post(_url(closer), {"reason": REASON})
    text = _text(response)
    assert "Choose whether to keep or remove what they posted" in text
    assert REASON in text  # what was typed is still in the box
    assert User.objects.get(pk=closer.pk).is_active


def test_the_first_post_only_asks_to_confirm(client_for, officer, closer):  # noqa: F811
    response = client_for(officer).post(_url(closer), {"reason": REASON, "contributions": "keep"})
    assert response.status_code == 200
    text = _text(response)
    assert "for good?" in text and REASON in text
    assert "Kept, shown as written by" in text
    assert 'name="confirmed" value="yes"' in text
    assert f'name="reason" value="{REASON}"' in text
    assert "Do not close it" in text and _url(closer) in text
    assert User.objects.get(pk=closer.pk).is_active
    assert not AccountClosure.objects.exists()


def test_an_officer_closes_a_members_account_and_it_is_recorded(
    client_for,
    officer,
    closer,  # noqa: F811
    world,  # noqa: F811
    caplog,
):
    assert _personal_data_left()  # the markers are there before
    client = client_for(officer)
    with caplog.at_level(logging.INFO, logger="hub.people.data_rights_views"):
        response = client.post(
            _url(closer), {"reason": REASON, "contributions": "remove", "confirmed": "yes"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:closed_accounts")
    assert _personal_data_left() == []  # table by table, every text column
    assert not Note.objects.filter(body="MY-NOTE").exists()  # their choice: removed
    account = User.objects.get(pk=closer.pk)
    assert not account.is_active and not account.has_usable_password()
    closure = AccountClosure.objects.get(account=account)
    assert closure.closed_by == officer and closure.reason == REASON
    assert not closure.contributions_kept
    logged = [r.getMessage() for r in caplog.records if "closed on request" in r.getMessage()]
    assert logged == [
        f"Account {closer.pk} closed on request by officer {officer.pk} "
        f"(contributions removed), closure {closure.pk}"
    ]
    listing = _text(client.get(response["Location"]))
    assert "The account is closed" in listing
    assert f"Account {closer.pk}" in listing and "Olu Officer, on their request" in listing
    assert REASON in listing and "Removed" in listing
    assert "Zed Closerton" not in listing


def test_closing_from_the_page_moves_the_waiting_list_up(
    client_for,
    officer,
    closer,  # noqa: F811
    member,
    lead,
):
    event, place, first, second = full_event_with_waiting_list(closer, member, lead)
    client_for(officer).post(
        _url(closer), {"reason": REASON, "contributions": "keep", "confirmed": "yes"}
    )
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[place.pk] == Registration.Status.CANCELLED
    assert statuses[first.pk] == Registration.Status.REGISTERED
    assert statuses[second.pk] == Registration.Status.WAITLISTED


def test_a_closed_account_cannot_be_closed_again(client_for, officer, closer):  # noqa: F811
    client = client_for(officer)
    data = {"reason": REASON, "contributions": "keep", "confirmed": "yes"}
    client.post(_url(closer), data)
    response = client.post(_url(closer), data, follow=True)
    assert "That account is already closed." in _text(response)
    assert AccountClosure.objects.count() == 1


def test_an_officer_is_sent_to_their_own_close_page(client_for, officer):
    response = client_for(officer).get(_url(officer))
    assert response.status_code == 302 and response["Location"] == reverse("people:close_account")


@pytest.mark.parametrize("who", ["member", "lead", "facilitator", "outsider"])
def test_others_are_refused_on_get_and_post(who, request, client_for, closer):  # noqa: F811
    client = client_for(request.getfixturevalue(who))
    assert client.get(_url(closer)).status_code == 403
    data = {"reason": "I want them gone", "contributions": "remove", "confirmed": "yes"}
    assert client.post(_url(closer), data).status_code == 403
    assert client.get(reverse("people:closed_accounts")).status_code == 403
    assert User.objects.get(pk=closer.pk).is_active
    assert not AccountClosure.objects.exists()


def test_visitors_are_sent_to_sign_in(client_for, closer):  # noqa: F811
    for response in (
        client_for(None).get(_url(closer)),
        client_for(None).post(_url(closer), {"reason": "x", "contributions": "keep"}),
        client_for(None).get(reverse("people:closed_accounts")),
    ):
        assert response.status_code == 302 and "login" in response["Location"]
    assert User.objects.get(pk=closer.pk).is_active


def test_the_profile_offers_officers_the_way_in(client_for, officer, member, closer):  # noqa: F811
    closer.in_directory = True
    closer.save()
    profile = reverse("people:profile", args=[closer.pk])
    assert _url(closer) in _text(client_for(officer).get(profile))
    assert _url(closer) not in _text(client_for(member).get(profile))


def test_the_list_shows_self_closures_too(client_for, officer, closer):  # noqa: F811
    from hub.people.closing import close_account

    close_account(closer, keep_contributions=True)
    text = _text(client_for(officer).get(reverse("people:closed_accounts")))
    assert "The person themselves" in text and "Kept as a former member" in text


def test_the_list_of_closed_accounts_costs_the_same_queries_at_ten_times(
    client_for, officer, assert_flat_queries
):
    from hub.people.factories import UserFactory

    client = client_for(officer)

    def grow(n):
        for _ in range(n):
            AccountClosure.objects.create(
                account=UserFactory(), closed_by=officer, reason=REASON, contributions_kept=True
            )

    def run():
        response = client.get(reverse("people:closed_accounts"))
        assert response.status_code == 200
        assert REASON in response.content.decode()

    assert assert_flat_queries(run, grow) <= 12
