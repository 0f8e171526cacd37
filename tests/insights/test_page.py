"""The insights page: figures against hand-counted ones, who may see it, CSV equals table."""

import csv
import io
import re
from html import unescape

import pytest

from hub.insights.figures import role_group
from hub.people.factories import PartnershipFactory, member_of
from learning_sets.models import DiscussionPost, LearningSet
from tests.insights.conftest import PERIOD

pytestmark = pytest.mark.django_db


def tables(html):
    """{table id: [[cell, ...], ...]} as a person reads the page (header row first)."""
    found = {}
    for slug, body in re.findall(r'<table id="([\w-]+)-table">(.*?)</table>', html, re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
        found[slug] = [
            [
                unescape(re.sub(r"<[^>]+>", "", c)).strip()
                for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            ]
            for row in rows
        ]
    return found


def page(client, **params):
    response = client.get("/insights/", {**PERIOD, **params})
    assert response.status_code == 200, response.content[:500]
    return tables(response.content.decode())


def test_figures_for_everyone(world, officer, client_for):
    found = page(client_for(officer))
    assert found["active-by-month"] == [
        ["Month", "Harbourside Families Together", "Pennine Early Help Alliance"],
        ["January 2026", "1", "1"],
        ["February 2026", "2", "1"],
        ["March 2026", "1", "1"],
    ]
    assert found["active-by-role"][1:] == [
        ["Parents and carers", "1", "1"],
        ["Leaders and managers", "1", "1"],
        ["Practitioners", "2", "1"],
        ["Community members and volunteers", "0", "0"],
        ["Other roles", "0", "0"],
        ["Did not say", "0", "0"],
    ]
    assert found["events-by-kind"][1:] == [
        ["Huddle", "2", "1", "1"],
        ["Webinar", "1", "1", "0"],
        ["Gathering (in person)", "0", "0", "0"],
    ]
    assert found["feedback-by-month"][1:] == [
        ["January 2026", "0", "none yet"],
        ["February 2026", "1", "4.0"],
        ["March 2026", "1", "2.0"],
    ]
    assert found["topic-ideas"][1:] == [
        ["Raised", "2"],
        ["Support given", "1"],
        ["Turned into events", "1"],
    ]
    assert found["library"][1:] == [
        ["Harbourside Families Together", "1", "1", "1"],
        ["Pennine Early Help Alliance", "1", "0", "0"],
    ]
    assert found["questions"][1:] == [
        ["Asked", "3"],
        ["Answered", "2"],
        ["Median hours to a first answer", "15.0"],
    ]
    assert found["digests"][1:] == [
        ["Sent", "1"],
        ["Skipped: nothing new", "1"],
        ["Unsubscribes", "1"],
    ]
    assert found["learning-sets"][1:] == [
        ["Sessions held", "1"],
        ["Attendances (people present)", "2"],
        ["Actions agreed", "2"],
        ["Actions done", "1"],
    ]


def test_figures_for_one_partnership(world, facilitator, client_for):
    found = page(client_for(facilitator), partnership=world["partnership"].pk)
    assert found["active-by-month"] == [
        ["Month", "Harbourside Families Together"],
        ["January 2026", "1"],
        ["February 2026", "2"],
        ["March 2026", "1"],
    ]
    assert found["active-by-role"][3] == ["Practitioners", "1", "0"]
    assert found["events-by-kind"][1:3] == [["Huddle", "2", "1", "0"], ["Webinar", "0", "0", "0"]]
    assert found["questions"][1:] == [
        ["Asked", "2"],
        ["Answered", "1"],
        ["Median hours to a first answer", "6.0"],
    ]
    assert found["topic-ideas"][1:] == [
        ["Raised", "1"],
        ["Support given", "1"],
        ["Turned into events", "1"],
    ]
    assert found["library"][1:] == [["Harbourside Families Together", "1", "1", "1"]]
    assert found["digests"][1:] == [
        ["Sent", "1"],
        ["Skipped: nothing new", "0"],
        ["Unsubscribes", "1"],
    ]
    assert found["learning-sets"][1:] == [
        ["Sessions held", "1"],
        ["Attendances (people present)", "1"],
        ["Actions agreed", "2"],
        ["Actions done", "1"],
    ]


def test_learning_sets_show_no_content(world, officer, client_for):
    """Counts only, on the page and in every CSV: no set's name, issue, action or post."""
    learning_set = LearningSet.objects.get()
    LearningSet.objects.filter(pk=learning_set.pk).update(name="SETNAME-MARKER")
    DiscussionPost.objects.create(learning_set=learning_set, body="SETPOST-MARKER")
    markers = ["A private worry", "Call the school", "SETNAME-MARKER", "SETPOST-MARKER"]
    client = client_for(officer)
    response = client.get("/insights/", PERIOD)
    html = response.content.decode()
    assert tables(html)["learning-sets"][1] == ["Sessions held", "1"]  # the set is counted
    texts = [html] + [
        client.get(f"/insights/{slug}.csv", PERIOD).content.decode() for slug in tables(html)
    ]
    assert len(texts) == 10
    for text in texts:
        for marker in markers:
            assert marker not in text


@pytest.mark.parametrize(
    "words, group",
    [
        ("Mum of three", "Parents and carers"),
        ("Parent carer and school governor", "Parents and carers"),
        ("Grandparent", "Parents and carers"),
        ("Senior leader in the council", "Leaders and managers"),
        ("Head of early help", "Leaders and managers"),
        ("Family support worker", "Practitioners"),
        ("Health visitor", "Practitioners"),
        ("Community health worker", "Practitioners"),
        ("Community member", "Community members and volunteers"),
        ("Volunteer at the food bank", "Community members and volunteers"),
        ("Local resident", "Community members and volunteers"),
        ("Researcher", "Other roles"),
        ("   ", "Did not say"),
        (None, "Did not say"),
    ],
)
def test_roles_in_their_own_words_are_grouped(words, group):
    assert role_group(words) == group


def test_the_role_chart_counts_each_group(world, officer, client_for, partnership):
    member_of(partnership, role_in_own_words="Community volunteer")
    member_of(partnership, role_in_own_words="Researcher")
    member_of(partnership, role_in_own_words="")
    rows = page(client_for(officer))["active-by-role"][1:]
    assert rows[3:] == [
        ["Community members and volunteers", "1", "0"],
        ["Other roles", "1", "0"],
        ["Did not say", "1", "0"],
    ]


@pytest.mark.parametrize("who", ["member", "lead"])
def test_members_and_leads_are_refused(world, who, request, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/insights/", PERIOD).status_code == 403
    assert client.get("/insights/questions.csv", PERIOD).status_code == 403


def test_visitors_are_sent_to_sign_in(client_for):
    response = client_for(None).get("/insights/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_each_csv_is_its_table(world, officer, client_for):
    client = client_for(officer)
    shown = page(client)
    assert len(shown) == 9
    for slug, rows in shown.items():
        response = client.get(f"/insights/{slug}.csv", PERIOD)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        assert list(csv.reader(io.StringIO(response.content.decode()))) == rows, slug


def test_every_chart_is_drawn_with_a_name(world, officer, client_for):
    html = client_for(officer).get("/insights/", PERIOD).content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 9
    assert "Huddle number" not in html  # event titles are not figures


@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": "yesterday"}, "Enter the first day as a real date"),
        ({"start": "2026-02-30"}, "Enter the first day as a real date"),
        ({"end": "2025-01-01"}, "The last day must be the same as or after the first day"),
        ({"start": "1900-01-01"}, "The period must be 3 years or shorter"),
        ({"partnership": "abc"}, "Choose a partnership from the list"),
        ({"partnership": "99999"}, "Choose a partnership from the list"),
        ({"start": ""}, "Enter the first day of the period"),
    ],
)
def test_bad_values_get_a_clear_message(officer, client_for, params, message):
    client = client_for(officer)
    response = client.get("/insights/", {**PERIOD, **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert "<svg" not in html
    # What was typed is kept.
    for value in params.values():
        assert f'value="{value}"' in html or value in ("abc", "99999", "")
    assert client.get("/insights/questions.csv", {**PERIOD, **params}).status_code == 400


def test_no_parameters_show_the_last_six_months(officer, client_for):
    response = client_for(officer).get("/insights/")
    assert response.status_code == 200
    assert response.content.decode().count("<svg") >= 9


def test_unknown_chart_is_not_found(officer, client_for):
    assert client_for(officer).get("/insights/nothing.csv").status_code == 404


def test_a_periods_figures_are_kept_for_a_few_minutes(
    world, officer, client_for, settings, partnership
):
    """Cached per period and partnership: the second view runs no figure queries and shows
    the same; another period, or a new partnership's name, is worked out afresh."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.HUB_INSIGHTS_CACHE_SECONDS = 300
    client = client_for(officer)

    def view(**params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/insights/", {**PERIOD, **params})
        assert response.status_code == 200
        return response.content.decode(), len(captured.captured_queries)

    first, cold = view()
    assert "These figures can be up to 5 minutes old." in first
    second, warm = view()
    assert tables(second) == tables(first)
    assert warm <= cold - 15  # the figures' queries are not run again
    assert view(partnership=partnership.pk)[1] == cold  # another partnership: worked out
    PartnershipFactory(name="Zeal Valley Families")
    third, fresh = view()
    assert fresh > warm
    assert "Zeal Valley Families" in tables(third)["active-by-month"][0]
