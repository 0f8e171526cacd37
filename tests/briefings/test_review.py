"""Drafts shared for comment: only the people and partnerships it is shared with (signed in)
open the draft and comment; the editors read the comments beside it; stopping or publishing
closes it; the draft's words reach nobody else."""

from django.urls import reverse

from wagtail.rich_text import RichText

import pytest

from briefings.factories import create_briefing
from briefings.models import DraftComment, DraftShare
from briefings.review import services as review
from hub.core.services import ServiceError
from hub.notifications.models import Notification
from hub.people.factories import member_of

DRAFT_WORDS = "Grandparents carried the whole street through the winter"


def _learning_history():
    return [
        ("heading", "What we heard"),
        (
            "commentary_narrative",
            {
                "commentary": RichText("<p>We noticed families leaning on each other.</p>"),
                "voices": [
                    {
                        "quote": DRAFT_WORDS,
                        "role": "parent",
                        "partnership": "",
                        "name": "",
                        "consent_to_name": False,
                    }
                ],
            },
        ),
    ]


@pytest.fixture
def draft(index):
    return create_briefing(
        title="Leaning on each other", body=_learning_history(), publish=False, series_number=7
    )


@pytest.fixture
def quoted(other_partnership):
    """A parent quoted in the draft, in the other partnership (shared by name)."""
    return member_of(other_partnership, display_name="Pat Parent", role_in_own_words="parent")


@pytest.fixture
def share(draft, quoted, partnership, officer):
    return review.share_for_comment(draft, people=[quoted], partnerships=[partnership], by=officer)


def _text(response):
    return response.content.decode()


def test_sharing_tells_the_people_and_the_partnerships_members(
    member, lead, outsider, quoted, share, client_for
):
    told = set(
        Notification.objects.filter(kind="draft_for_comment").values_list("recipient", flat=True)
    )
    assert told == {quoted.pk, member.pk, lead.pk}
    page = _text(client_for(member).get(reverse("notifications:list")))
    assert "asked for your comments on a draft" in page
    assert "Leaning on each other" in page


def test_the_people_it_is_shared_with_see_the_draft_as_it_will_appear(
    share, quoted, member, client_for
):
    for person in (quoted, member):
        response = client_for(person).get(share.get_absolute_url())
        assert response.status_code == 200
        assert DRAFT_WORDS in _text(response)
        assert "no-store" in response["Cache-Control"]


def test_the_latest_revision_is_shown_not_the_live_page(index, quoted, officer, client_for):
    live = create_briefing(title="Published already", summary="The old summary.")
    live.summary = "A new summary waiting in a draft."
    live.save_revision()
    share = review.share_for_comment(live, people=[quoted], by=officer)
    page = _text(client_for(quoted).get(share.get_absolute_url()))
    assert "A new summary waiting in a draft." in page
    assert "The old summary." not in page


def test_anyone_else_is_refused(share, outsider, client_for, django_user_model):
    response = client_for(None).get(share.get_absolute_url())
    assert response.status_code == 302 and reverse("account_login") in response.url
    response = client_for(outsider).get(share.get_absolute_url())
    assert response.status_code == 404
    assert DRAFT_WORDS not in _text(response)
    assert (
        client_for(outsider)
        .get(reverse("drafts_for_comment:comments", args=[share.pk]))
        .status_code
        == 403
    )
    assert (
        client_for(outsider)
        .get(reverse("drafts_for_comment:share", args=[share.page_id]))
        .status_code
        == 403
    )


def test_a_comment_reaches_the_editor_beside_the_draft(
    share, member, quoted, facilitator, client_for
):
    client = client_for(member)
    response = client.post(share.get_absolute_url(), {"body": "Please say grandmother, not carer."})
    assert response.status_code == 302
    assert "Please say grandmother, not carer." in _text(client.get(share.get_absolute_url()))
    # Another commenter does not read it.
    assert "grandmother" not in _text(client_for(quoted).get(share.get_absolute_url()))
    editor_page = _text(
        client_for(facilitator).get(reverse("drafts_for_comment:comments", args=[share.pk]))
    )
    assert "Please say grandmother, not carer." in editor_page
    assert DRAFT_WORDS in editor_page
    assert "1 comment" in editor_page


def test_an_empty_comment_is_refused_in_the_govuk_pattern(share, member, client_for):
    response = client_for(member).post(share.get_absolute_url(), {"body": "  "})
    assert response.status_code == 400
    page = _text(response)
    assert "There is a problem" in page
    assert 'href="#id_body"' in page
    assert "Write your comment." in page
    assert not DraftComment.objects.exists()


def test_stopping_closes_the_comment_page(share, member, officer, client_for):
    client_for(officer).post(reverse("drafts_for_comment:stop", args=[share.pk]))
    response = client_for(member).get(share.get_absolute_url())
    assert response.status_code == 410
    assert "no longer open for comment" in _text(response)
    assert DRAFT_WORDS not in _text(response)
    response = client_for(member).post(share.get_absolute_url(), {"body": "Late"})
    assert response.status_code == 410
    assert not DraftComment.objects.exists()
    # The notification no longer opens the draft either.
    assert "Leaning on each other" not in _text(
        client_for(member).get(reverse("notifications:list"))
    )


def test_publishing_closes_the_comment_page(share, member, client_for):
    share.page.get_latest_revision().publish()
    share.refresh_from_db()
    assert share.closed_because == DraftShare.Closed.PUBLISHED
    response = client_for(member).get(share.get_absolute_url())
    assert response.status_code == 410
    assert "It has been published" in _text(response)


def test_the_share_form_refuses_nothing_chosen_and_keeps_the_note(draft, officer, client_for):
    url = reverse("drafts_for_comment:share", args=[draft.pk])
    response = client_for(officer).post(url, {"message": "By Friday, please"})
    assert response.status_code == 400
    page = _text(response)
    assert "Choose at least one person or partnership to share it with." in page
    assert 'href="#id_people_0"' in page
    assert "By Friday, please" in page
    assert not DraftShare.objects.exists()


def test_the_share_form_shares_and_lands_on_the_comments(
    draft, quoted, partnership, officer, client_for
):
    url = reverse("drafts_for_comment:share", args=[draft.pk])
    client = client_for(officer)
    assert "Share a draft for comment" in _text(client.get(url))
    response = client.post(url, {"people": [quoted.pk], "partnerships": [partnership.pk]})
    share = DraftShare.objects.get()
    assert response.url == reverse("drafts_for_comment:comments", args=[share.pk])
    assert "Pat Parent" in _text(client.get(response.url))


def test_the_people_whose_bank_words_the_draft_quotes_are_asked_first(
    index, quoted, member, officer, client_for
):
    import re

    from hub.voices.factories import bank_voice_block, make_voice

    voice = make_voice("We stopped feeling alone", speaker=quoted)
    page = create_briefing(
        title="Quoting the bank", body=[bank_voice_block(voice)], publish=False, series_number=8
    )
    form = _text(client_for(officer).get(reverse("drafts_for_comment:share", args=[page.pk])))
    ticked = set(re.findall(r'<input[^>]*value="(\d+)"[^>]*checked', form))
    assert str(quoted.pk) in ticked
    assert str(member.pk) not in ticked


def test_a_published_briefing_without_a_draft_cannot_be_shared(index, quoted, officer):
    live = create_briefing(title="Nothing waiting")
    with pytest.raises(ServiceError):
        review.share_for_comment(live, people=[quoted], by=officer)


def test_members_cannot_share(draft, member, quoted):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        review.share_for_comment(draft, people=[quoted], by=member)


def test_the_draft_reaches_no_other_path(share, member, client_for):
    """Search, feeds and the API answer from live pages only: the shared draft is in none."""
    client = client_for(member)
    for url in (
        "/search/?q=Grandparents",
        "/briefings/feed/rss/",
        "/api/v2/pages/?type=briefings.BriefingPage&fields=*",
    ):
        assert DRAFT_WORDS not in _text(client.get(url)), url
        assert "Leaning on each other" not in _text(client.get(url)), url


def test_the_editor_finds_it_from_the_wagtail_editor(share, officer, client_for):
    page = _text(client_for(officer).get(reverse("wagtailadmin_pages:edit", args=[share.page_id])))
    assert reverse("drafts_for_comment:comments", args=[share.pk]) in page


def test_the_list_shows_what_is_shared_with_me(share, member, outsider, client_for):
    assert "Leaning on each other" in _text(
        client_for(member).get(reverse("drafts_for_comment:list"))
    )
    assert "Leaning on each other" not in _text(
        client_for(outsider).get(reverse("drafts_for_comment:list"))
    )


def test_visible_to_agrees_with_can_view(share, member, outsider, quoted, officer):
    for person in (member, outsider, quoted, officer):
        listed = DraftShare.objects.visible_to(person).filter(pk=share.pk).exists()
        assert listed == share.can_view(person)


def test_comment_page_queries_do_not_grow(share, member, officer, client_for, assert_flat_queries):
    def grow(n):
        for i in range(n):
            review.comment(share, member, f"Comment {i}")

    comment_client = client_for(member)

    def run():
        assert comment_client.get(share.get_absolute_url()).status_code == 200

    assert_flat_queries(run, grow)


def test_editor_comments_page_queries_do_not_grow(
    share, partnership, officer, client_for, assert_flat_queries
):
    def grow(n):
        for i in range(n):
            person = member_of(partnership)
            review.comment(share, person, f"Comment {i}")

    client = client_for(officer)

    def run():
        assert (
            client.get(reverse("drafts_for_comment:comments", args=[share.pk])).status_code == 200
        )

    assert_flat_queries(run, grow)


def test_a_persons_comments_are_in_their_data_and_go_when_they_leave(share, member):
    from hub.core import data_rights

    review.comment(share, member, "Say mum, please.")
    exported = data_rights.export_all(member)["briefings/draft_comments"]
    assert exported[0]["body"] == "Say mum, please."
    assert exported[0]["briefing"] == "Leaning on each other"
    (briefings,) = [part for part in data_rights.parts() if part.name == "briefings"]
    briefings.close(member, keep=False, by=member)
    assert not DraftComment.objects.exists()
