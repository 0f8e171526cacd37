"""A programme-only briefing is invisible to a visitor on every path, and visible to a member."""

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Collection

import feedparser
import pytest

from briefings import queries, services
from briefings.factories import create_briefing
from briefings.models import Audience, BriefingPage, BriefingResponse
from briefings.whats_new import NewBriefings
from hub.moderation import services as moderation
from hub.people.factories import UserFactory


@pytest.fixture
def waiting(db):
    """Signed in, but not yet approved by a lead or officer: still a visitor to content."""
    return UserFactory(email="waiting@example.org", is_approved=False)


def test_page_refuses_visitors_and_sends_them_to_sign_in(
    client, waiting, client_for, private_briefing
):
    for who in (None, waiting):
        response = client_for(who).get(private_briefing.url)
        assert response.status_code == 302
        assert reverse("account_login") in response.url
        assert private_briefing.title not in response.content.decode()


def test_page_is_visible_to_members(client_for, member, outsider, facilitator, private_briefing):
    for who in (member, outsider, facilitator):
        response = client_for(who).get(private_briefing.url)
        assert response.status_code == 200
        assert private_briefing.title in response.content.decode()


def test_index_hides_programme_only_from_visitors(
    client_for, member, waiting, public_briefing, private_briefing
):
    for who in (None, waiting):
        html = client_for(who).get("/briefings/").content.decode()
        assert public_briefing.title in html and private_briefing.title not in html
    html = client_for(member).get("/briefings/").content.decode()
    assert private_briefing.title in html


def test_search_hides_programme_only_from_visitors(member, public_briefing, private_briefing):
    # Both briefings' bodies hold the word searched for.
    visitor_results = queries.search_briefings(None, "listened")
    member_results = queries.search_briefings(member, "listened")
    assert private_briefing.pk not in [p.pk for p in visitor_results]
    assert public_briefing.pk in [p.pk for p in visitor_results]
    assert private_briefing.pk in [p.pk for p in member_results]
    section = NewBriefings().search(None, "candid")
    assert section is None


def test_feeds_never_include_programme_only(client, public_briefing, private_briefing):
    for route in ("feed/rss/", "feed/atom/"):
        response = client.get("/briefings/" + route)
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, feed.get("bozo_exception")
        titles = [entry.title for entry in feed.entries]
        assert any(public_briefing.title in t for t in titles)
        assert not any(private_briefing.title in t for t in titles)


def test_feeds_are_the_same_for_a_signed_in_member(client_for, member, private_briefing):
    # A feed URL gets shared: it must never carry programme-only items, whoever fetches it.
    content = client_for(member).get("/briefings/feed/rss/").content.decode()
    assert private_briefing.title not in content


def test_sitemap_leaves_out_programme_only(client, public_briefing, private_briefing):
    xml = client.get("/sitemap.xml").content.decode()
    assert public_briefing.slug in xml
    assert private_briefing.slug not in xml


def test_api_hides_programme_only_from_visitors(
    client_for, member, waiting, public_briefing, private_briefing
):
    for who in (None, waiting):
        client = client_for(who)
        listing = client.get("/api/v2/pages/", {"type": "briefings.BriefingPage"}).json()
        ids = [item["id"] for item in listing["items"]]
        assert public_briefing.pk in ids and private_briefing.pk not in ids
        everything = client.get("/api/v2/pages/").json()
        assert private_briefing.pk not in [item["id"] for item in everything["items"]]
        assert client.get(f"/api/v2/pages/{private_briefing.pk}/").status_code == 404
        found = client.get("/api/v2/pages/find/", {"html_path": private_briefing.url})
        assert found.status_code == 404
    member_client = client_for(member)
    assert member_client.get(f"/api/v2/pages/{private_briefing.pk}/").status_code == 200


def test_home_and_theme_sections_and_digest_query(
    client_for, member, waiting, theme, public_briefing, private_briefing
):
    for who in (None, waiting):
        latest = queries.latest_briefings(who)
        assert public_briefing in latest and private_briefing not in latest
        section = NewBriefings().for_person(who, limit=5, theme=theme)
        assert private_briefing not in section.objects
        html = client_for(who).get("/").content.decode()
        assert public_briefing.title in html and private_briefing.title not in html
        theme_html = client_for(who).get(theme.get_absolute_url()).content.decode()
        assert private_briefing.title not in theme_html
    assert private_briefing in queries.latest_briefings(member)
    # A member's "/" is My hub: a programme briefing in a theme they follow is there.
    member.themes.add(theme)
    assert private_briefing.title in client_for(member).get("/").content.decode()


def test_drafts_are_invisible_to_everyone_outside_the_admin(client_for, member, index):
    draft = create_briefing(title="Not ready yet", publish=False)
    assert not draft.can_view(member)
    assert draft not in queries.latest_briefings(member)
    assert client_for(member).get("/briefings/").content.decode().count("Not ready yet") == 0


def test_visible_to_and_can_view_agree(member, waiting, public_briefing, private_briefing):
    for who in (None, waiting, member):
        visible = set(BriefingPage.objects.visible_to(who))
        assert visible == {p for p in BriefingPage.objects.all() if p.can_view(who)}


@pytest.fixture
def programme_document(db):
    collection = Collection.objects.get(name="Programme only")
    document = Document(title="Partnership budgets", collection=collection)
    document.file.save("budgets.txt", ContentFile(b"confidential figures"), save=False)
    document.save()
    return document


def test_programme_documents_are_not_downloadable_by_visitors(
    client_for, member, waiting, programme_document
):
    url = programme_document.url
    visitor = client_for(None).get(url)
    assert visitor.status_code == 302 and reverse("account_login") in visitor.url
    assert client_for(waiting).get(url).status_code == 403
    downloaded = client_for(member).get(url)
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content) == b"confidential figures"


def test_programme_briefing_refuses_documents_outside_the_private_collection(index):
    from django.core.exceptions import ValidationError

    document = Document(title="Open report", collection=Collection.get_first_root_node())
    document.file.save("open.txt", ContentFile(b"hello"), save=False)
    document.save()
    page = create_briefing(
        body=[("document", {"document": document, "title": "", "description": ""})],
        publish=False,
    )
    page.full_clean()  # fine on a public briefing
    page.audience = Audience.PROGRAMME
    with pytest.raises(ValidationError, match="Programme only"):
        page.full_clean()


def test_responses_on_an_unpublished_briefing_are_shown_to_nobody(
    client_for, member, lead, officer, public_briefing
):
    """A response shares its briefing's fate: once the briefing is unpublished nobody may see
    or report the response, even though it is still stored."""
    prompt_id = public_briefing.prompts[0][0]
    response = services.respond(member, public_briefing, prompt_id, "Parents chair it now")
    report = reverse(
        "moderation:report", args=[ContentType.objects.get_for_model(response).pk, response.pk]
    )
    assert "A response to" in client_for(lead).get(report).content.decode()
    public_briefing.unpublish()
    for person in (member, lead, officer):
        assert not BriefingResponse.objects.visible_to(person).exists()
        assert not BriefingResponse.objects.get().can_view(person)
    refused = client_for(lead).get(report)
    assert refused.status_code == 404
    assert "A response to" not in refused.content.decode()


def test_response_visible_to_and_can_view_agree(
    member, lead, outsider, officer, waiting, public_briefing, private_briefing, partnership
):
    """visible_to and can_view give the same answer for every response and person: shared,
    partnership-only, hidden, and on an unpublished briefing."""
    for page in (public_briefing, private_briefing):
        prompt_id = page.prompts[0][0]
        services.respond(member, page, prompt_id, "For everyone")
        services.respond(member, page, prompt_id, "Just for us", partnership=partnership)
        hidden = services.respond(lead, page, prompt_id, "Something unkind")
        moderation.hide(hidden, by=officer, reason="Please keep it kind.")
    private_briefing.unpublish()
    for person in (member, lead, outsider, officer, waiting):
        visible = set(BriefingResponse.objects.visible_to(person))
        assert visible == {r for r in BriefingResponse.objects.all() if r.can_view(person)}
    # Only the published briefing's responses, and never the hidden one.
    assert sorted(BriefingResponse.objects.visible_to(lead).values_list("page", "text")) == [
        (public_briefing.pk, "For everyone"),
        (public_briefing.pk, "Just for us"),
    ]
    assert list(BriefingResponse.objects.visible_to(outsider).values_list("page", "text")) == [
        (public_briefing.pk, "For everyone")
    ]
