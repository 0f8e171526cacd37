"""Check-back: the person approves, changes or withdraws their words, in the hub or through
a signed, expiring link that needs no account. Every decision is kept with its date."""

import re
import time
from unittest import mock

from django.core import mail
from django.urls import reverse

import pytest

from hub.core.models import OutgoingEmail
from hub.notifications.models import Notification
from hub.voices import links, services
from hub.voices.models import Status, Use, Voice, VoiceDecision

pytestmark = pytest.mark.django_db


def _record(by, **values):
    fields = {
        "quote": "The café mornings were the first place I felt listened to.",
        "kind": "quote",
        "role": "mum of two",
        "role_group": "parent",
        "use": Use.PUBLIC,
        "review_date": "2027-06-01",
        "source": "interview",
        "named": False,
        "name": "",
    }
    fields.update(values)
    return services.record_voice(by=by, **fields)


def _link_in_outbox():
    email = OutgoingEmail.objects.latest("pk")
    return email, re.search(r"https?://\S+/voices/check/\S+/", email.text).group(0)


def _path(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_a_member_is_notified_and_approves_their_words_in_the_hub(facilitator, speaker, client_for):
    voice = _record(facilitator, speaker=speaker)
    told = Notification.objects.get(recipient=speaker, kind="check_my_words")
    assert told.target_id == voice.pk
    client = client_for(speaker)
    listed = client.get(reverse("notifications:list")).content.decode()
    assert "asked you to check your words" in listed
    page = client.get(voice.check_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "The café mornings were the first place I felt listened to." in text
    assert "mum of two" in text
    response = client.post(voice.check_url, {"decision": "approved"})
    assert "You approved your words" in response.content.decode()
    voice.refresh_from_db()
    assert voice.status == Status.APPROVED
    decisions = list(voice.decisions.order_by("decided_at", "pk").values_list("decision", "by"))
    assert decisions == [
        ("recorded", facilitator.pk),
        ("asked", facilitator.pk),
        ("approved", speaker.pk),
    ]
    assert all(d.decided_at for d in voice.decisions.all())


def test_someone_else_cannot_check_another_persons_words(facilitator, speaker, member, client_for):
    voice = _record(facilitator, speaker=speaker)
    assert client_for(member).post(voice.check_url, {"decision": "withdrawn"}).status_code in (
        403,
        404,
    )
    voice.refresh_from_db()
    assert voice.status == Status.AWAITING


def test_someone_without_an_account_changes_their_words_through_the_link(facilitator, client):
    _record(facilitator, speaker_name="Dee", speaker_email="dee@example.org")
    email, link = _link_in_outbox()
    assert email.to == ["dee@example.org"]
    assert "no account needed" in email.text
    assert "30 days" in email.text
    page = client.get(_path(link))
    assert page.status_code == 200
    assert "The café mornings" in page.content.decode()
    # Changing needs the new words: the GOV.UK error pattern, with what to do.
    refused = client.post(_path(link), {"decision": "changed", "quote": "", "role": ""})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "There is a problem" in text
    assert "Enter your words as you would like them" in text
    response = client.post(
        _path(link),
        {
            "decision": "changed",
            "quote": "The café mornings were where I was first heard.",
            "role": "parent",
            "named": "on",
            "name": "Dee",
        },
    )
    assert "We will use your words as you changed them" in response.content.decode()
    voice = Voice.objects.get()
    assert voice.status == Status.CHANGED
    assert voice.attribution == "Dee, parent"
    changed = voice.decisions.get(decision="changed")
    assert changed.by_link and changed.by is None
    assert changed.quote == "The café mornings were where I was first heard."


def test_a_tampered_link_is_refused_with_a_clear_message(facilitator, client):
    _record(facilitator, speaker_email="dee@example.org")
    _email, link = _link_in_outbox()
    path = _path(link)
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.get(tampered)
    assert response.status_code == 400
    text = response.content.decode()
    assert "This link does not work" in text
    assert "not complete or has been changed" in text
    assert "<nav" in text  # in the hub's layout
    assert client.post(tampered, {"decision": "withdrawn"}).status_code == 400
    assert Voice.objects.get().status == Status.AWAITING


def test_an_expired_link_is_refused(facilitator, client):
    voice = _record(facilitator, speaker_email="dee@example.org")
    then = time.time() - (links.LINK_DAYS + 1) * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=then):
        old = links.token_for(voice)
    response = client.get(reverse("voices:check_by_link", args=[old]))
    assert response.status_code == 403
    assert "more than 30 days old" in response.content.decode()


def test_asking_again_replaces_the_old_link(facilitator, client):
    voice = _record(facilitator, speaker_email="dee@example.org")
    _email, first = _link_in_outbox()
    services.ask_check_back(voice, by=facilitator)
    _email, second = _link_in_outbox()
    assert client.get(_path(first)).status_code == 403
    assert "replaced by a newer one" in client.get(_path(first)).content.decode()
    assert client.get(_path(second)).status_code == 200


def test_a_withdrawal_erases_the_words_and_keeps_the_decision(facilitator, client):
    _record(facilitator, speaker_email="dee@example.org")
    _email, link = _link_in_outbox()
    response = client.post(_path(link), {"decision": "withdrawn"})
    assert "Your words have been withdrawn" in response.content.decode()
    voice = Voice.objects.get()
    assert voice.status == Status.WITHDRAWN
    assert voice.quote == ""
    assert not VoiceDecision.objects.filter(quote__contains="café").exists()
    assert voice.decisions.filter(decision="withdrawn", by_link=True).exists()
    # The link does nothing more once the words are gone.
    assert client.get(_path(link)).status_code == 403


def test_words_picked_from_a_response_need_the_writers_agreement(facilitator, speaker):
    from hub.core.services import ServiceError

    with pytest.raises(ServiceError) as refused:
        _record(facilitator, speaker=speaker, source="response", writer_agreed=False)
    assert refused.value.field == "writer_agreed"
    voice = _record(
        facilitator,
        speaker=speaker,
        source="response",
        writer_agreed=True,
        source_label="briefings.briefingresponse",
        source_pk=7,
        source_url="/briefings/one/#response-7",
    )
    assert (voice.source_label, voice.source_pk) == ("briefings.briefingresponse", 7)


def test_only_the_learning_team_records_voices(member, speaker):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _record(member, speaker=speaker)


def test_editing_the_words_asks_the_person_again(facilitator, speaker):
    voice = _record(facilitator, speaker=speaker)
    services.decide(voice, "approved", by=speaker)
    services.edit_voice(voice, by=facilitator, quote="Shorter words.")
    voice.refresh_from_db()
    assert voice.status == Status.AWAITING
    assert Notification.objects.filter(recipient=speaker, kind="check_my_words").count() == 2


def test_the_review_date_arms_a_reminder_to_whoever_added_it(facilitator, speaker):
    from hub.voices.models import VoiceReview

    voice = _record(facilitator, speaker=speaker)
    review = VoiceReview.objects.get(voice=voice)
    assert str(review.review_date) == "2027-06-01"
    token, rows = VoiceReview.objects.claim(now=review.due_at)
    mail.outbox = []
    assert services.send_claimed_reviews(rows, token=token, now=review.due_at) == 1
    email = OutgoingEmail.objects.latest("pk")
    assert email.to == [facilitator.email]
    assert "review date" in email.text
    assert "café" not in email.text  # the words stay in the hub
