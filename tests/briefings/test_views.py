"""Reading briefings: the index with its filters, a briefing page and its responses."""

import re

from django.urls import reverse

import pytest

from briefings import services
from briefings.factories import create_briefing, days_ago, simple_body
from briefings.models import Audience, BriefingResponse
from hub.themes.factories import ThemeFactory


@pytest.fixture
def prompt_id(public_briefing):
    return public_briefing.prompts[0][0]


def test_index_lists_newest_first_with_feed_links(client, index):
    create_briefing(title="Older one", publication_date=days_ago(30))
    create_briefing(title="Newer one", publication_date=days_ago(1))
    html = client.get("/briefings/").content.decode()
    assert html.index("Newer one") < html.index("Older one")
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


def test_index_filters_by_theme_and_year(client, index, theme):
    other = ThemeFactory(name="Digital safeguarding")
    create_briefing(title="On parents", themes=[theme], publication_date=days_ago(400))
    create_briefing(title="On safety online", themes=[other], publication_date=days_ago(2))
    html = client.get("/briefings/", {"theme": theme.slug}).content.decode()
    assert "On parents" in html and "On safety online" not in html
    year = days_ago(2).year
    html = client.get("/briefings/", {"year": year}).content.decode()
    assert "On safety online" in html and "On parents" not in html


def test_index_is_paginated(client, index):
    for n in range(12):
        create_briefing(title=f"Number {n:02d}", publication_date=days_ago(n))
    first = client.get("/briefings/").content.decode()
    assert "Number 00" in first and "Number 11" not in first
    assert "Page 1 of 2" in first
    second = client.get("/briefings/", {"page": 2}).content.decode()
    assert "Number 11" in second and "Number 00" not in second


def test_briefing_page_shows_reading_time_themes_and_contents(client, index, theme):
    page = create_briefing(
        title="A long one",
        themes=[theme],
        body=simple_body(headings=("One", "Two", "Three")),
    )
    html = client.get(page.url).content.decode()
    assert "Thematic briefing" in html
    assert "minute to read" in html
    assert theme.name in html
    assert 'aria-labelledby="contents-title"' in html
    assert f'href="#section-{page.headings[0][0]}"' in html


def test_short_briefing_has_no_contents_list(client, public_briefing):
    html = client.get(public_briefing.url).content.decode()
    assert "contents-title" not in html


def test_related_briefings_share_a_theme(client, public_briefing, private_briefing, theme):
    related = create_briefing(title="Also about parents", themes=[theme])
    create_briefing(title="Unrelated")
    html = client.get(public_briefing.url).content.decode()
    assert "Also about parents" in html and "Unrelated" not in html
    # A visitor is never pointed at a programme-only briefing.
    assert private_briefing.title not in html
    assert related.title in html


def test_visitor_is_invited_to_sign_in_to_respond(client, public_briefing):
    html = client.get(public_briefing.url).content.decode()
    assert "sign in</a> to respond" in html
    assert "Send your response" not in html


def test_member_responds_to_a_prompt(client_for, member, public_briefing, prompt_id):
    client = client_for(member)
    response = client.post(
        public_briefing.url + "respond/",
        {
            "prompt": prompt_id,
            f"p-{prompt_id}-prompt_id": prompt_id,
            f"p-{prompt_id}-text": "This *really* resonates.",
            f"p-{prompt_id}-share_with": "programme",
        },
    )
    saved = BriefingResponse.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"#response-{saved.pk}")
    assert saved.author == member and saved.partnership is None
    html = client.get(public_briefing.url).content.decode()
    assert "<em>really</em>" in html


def test_empty_response_re_renders_with_an_error_summary(
    client_for, member, public_briefing, prompt_id
):
    response = client_for(member).post(
        public_briefing.url + "respond/",
        {"prompt": prompt_id, f"p-{prompt_id}-prompt_id": prompt_id, f"p-{prompt_id}-text": " "},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert not BriefingResponse.objects.exists()
    # The GOV.UK pattern: "Error: " in the title, the shared summary (the page's script moves
    # focus to it, beside the prompt), and a link to the field.
    assert re.search(r"<title>\s*Error: ", html)
    assert "data-error-summary" in html
    assert f'href="#id_p-{prompt_id}-text"' in html


def test_each_member_is_offered_their_own_partnership_and_an_error_keeps_what_they_wrote(
    client_for, member, outsider, public_briefing, partnership, other_partnership, prompt_id
):
    """The blank response forms are rendered once and reused (hub_forms.blank_form): the
    reuse never shows one person's choices to another, nor a blank form after an error."""
    member_html = client_for(member).get(public_briefing.url).content.decode()
    outsider_html = client_for(outsider).get(public_briefing.url).content.decode()
    assert f"Only people in {partnership.name}" in member_html
    assert f"Only people in {other_partnership.name}" not in member_html
    assert f"Only people in {other_partnership.name}" in outsider_html
    assert f"Only people in {partnership.name}" not in outsider_html

    too_long = "A thought worth keeping. " * 210  # over the 5,000 characters allowed
    html = (
        client_for(member)
        .post(
            public_briefing.url + "respond/",
            {
                "prompt": prompt_id,
                f"p-{prompt_id}-prompt_id": prompt_id,
                f"p-{prompt_id}-text": too_long,
                f"p-{prompt_id}-share_with": "programme",
            },
        )
        .content.decode()
    )
    assert "There is a problem" in html
    assert "A thought worth keeping." in html
    assert (
        client_for(member)
        .get(public_briefing.url)
        .content.decode()
        .count("A thought worth keeping.")
        == 0
    )


def test_editing_a_response_to_nothing_shows_the_shared_error_summary(
    client_for, member, public_briefing, prompt_id
):
    response = services.respond(member, public_briefing, prompt_id, "First thoughts")
    page = client_for(member).post(
        f"{public_briefing.url}responses/{response.pk}/edit/",
        {"prompt_id": prompt_id, "text": "  ", "share_with": "programme"},
    )
    html = page.content.decode()
    assert re.search(r"<title>\s*Error: ", html)
    assert "data-error-summary" in html and 'href="#id_text"' in html


@pytest.mark.parametrize(
    ("route", "field", "value"),
    [("respond/", "p-{}-text", "Hello"), ("topic-idea/", "t-{}-title", "Anything")],
    ids=["response", "topic idea"],
)
def test_visitor_posting_a_response_or_topic_is_sent_to_sign_in(
    client, public_briefing, prompt_id, route, field, value
):
    response = client.post(
        public_briefing.url + route, {"prompt": prompt_id, field.format(prompt_id): value}
    )
    assert response.status_code == 302
    assert reverse("account_login") in response.url
    assert not BriefingResponse.objects.exists()


def test_unapproved_person_cannot_respond(client_for, public_briefing, prompt_id):
    from hub.people.factories import UserFactory

    waiting = UserFactory(is_approved=False)
    response = client_for(waiting).post(
        public_briefing.url + "respond/",
        {"prompt": prompt_id, f"p-{prompt_id}-text": "Hello"},
    )
    assert response.status_code == 403


def test_partnership_only_responses(
    client_for, member, lead, outsider, officer, public_briefing, partnership, prompt_id
):
    services.respond(member, public_briefing, prompt_id, "Just for us", partnership=partnership)
    services.respond(member, public_briefing, prompt_id, "For everyone")
    assert "Just for us" in client_for(lead).get(public_briefing.url).content.decode()
    outsider_html = client_for(outsider).get(public_briefing.url).content.decode()
    assert "For everyone" in outsider_html and "Just for us" not in outsider_html
    # The visible_to rule and can_view agree, for every response and person.
    for person in (member, lead, outsider, officer):
        visible = set(BriefingResponse.objects.visible_to(person))
        assert visible == {r for r in BriefingResponse.objects.all() if r.can_view(person)}


def test_cannot_share_with_someone_elses_partnership(member, public_briefing, other_partnership):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.respond(
            member, public_briefing, public_briefing.prompts[0][0], "x", other_partnership
        )


XSS_PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    "<iframe src='https://evil.example'></iframe>",
    '<svg onload="alert(1)"></svg>',
    "<p style=\"background:url('javascript:alert(1)')\">styled</p>",
]


def test_xss_payloads_in_responses_render_inert(client_for, member, public_briefing, prompt_id):
    for payload in XSS_PAYLOADS:
        services.respond(member, public_briefing, prompt_id, payload)
    html = client_for(member).get(public_briefing.url).content.decode()
    body = html.split('class="prompt-responses')[1]
    for dangerous in ("<script", "onerror", "javascript:", "<iframe", "<svg", "onload", "style="):
        assert dangerous not in body.lower(), dangerous


def test_author_edits_and_deletes_own_response(
    client_for, member, public_briefing, prompt_id, partnership
):
    response = services.respond(member, public_briefing, prompt_id, "First thoughts")
    client = client_for(member)
    edit_url = f"{public_briefing.url}responses/{response.pk}/edit/"
    assert "First thoughts" in client.get(edit_url).content.decode()
    client.post(
        edit_url,
        {"prompt_id": prompt_id, "text": "Second thoughts", "share_with": str(partnership.pk)},
    )
    response.refresh_from_db()
    assert response.text == "Second thoughts" and response.partnership == partnership
    client.post(f"{public_briefing.url}responses/{response.pk}/delete/")
    assert not BriefingResponse.objects.exists()


def test_others_cannot_edit_or_delete_a_response(
    client_for, member, lead, officer, public_briefing, prompt_id
):
    response = services.respond(member, public_briefing, prompt_id, "Mine")
    for person in (lead, officer):
        client = client_for(person)
        edit = client.post(
            f"{public_briefing.url}responses/{response.pk}/edit/",
            {"prompt_id": prompt_id, "text": "Changed", "share_with": "programme"},
        )
        delete = client.post(f"{public_briefing.url}responses/{response.pk}/delete/")
        assert edit.status_code == 403 and delete.status_code == 403
    visitor = client_for(None).post(f"{public_briefing.url}responses/{response.pk}/delete/")
    assert visitor.status_code == 302
    response.refresh_from_db()
    assert response.text == "Mine"


def test_member_turns_a_prompt_into_a_topic_idea(client_for, member, public_briefing, prompt_id):
    from events.models import TopicIdea

    client = client_for(member)
    html = client.get(public_briefing.url).content.decode()
    assert "Suggest this as a topic" in html
    response = client.post(
        public_briefing.url + "topic-idea/",
        {
            "prompt": prompt_id,
            f"t-{prompt_id}-title": "Listening to dads",
            f"t-{prompt_id}-description": "We rarely hear from fathers.",
        },
    )
    assert response.status_code == 302
    idea = TopicIdea.objects.get()
    assert idea.title == "Listening to dads"
    assert idea.origin_page.pk == public_briefing.pk
    assert idea.proposed_by == member


def test_programme_only_briefing_is_labelled(client_for, member, private_briefing):
    html = client_for(member).get(private_briefing.url).content.decode()
    assert "Programme only" in html
    assert private_briefing.audience == Audience.PROGRAMME


def test_responses_can_be_reported_and_hidden_by_an_officer(
    client_for, member, lead, officer, public_briefing, prompt_id
):
    from hub.moderation import services as moderation
    from hub.moderation.models import Revision

    response = services.respond(member, public_briefing, prompt_id, "Something unkind")
    html = client_for(lead).get(public_briefing.url).content.decode()
    assert "Report<span" in html
    moderation.hide(response, by=officer, reason="Please keep it kind.")
    assert "Something unkind" not in client_for(lead).get(public_briefing.url).content.decode()
    assert not BriefingResponse.objects.visible_to(member).exists()
    assert not response.can_view(lead)
    services.edit_response(member, BriefingResponse.objects.get(), "Kinder now")
    assert Revision.objects.get().data["text"] == "Something unkind"
