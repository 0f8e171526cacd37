"""The journey: each point with the evidence and actions behind it; its figures match ones
worked out by hand; the CSV and the PDF carry the same figures as the page (the PDF is read
through the HTML it is made from, as no PDF reader is installed)."""

import csv
import io
import re

from django.urls import reverse

from hub.learning import journey, services
from hub.library.factories import ResourceFactory
from hub.library.models import Resource


def _csv(client, slug):
    response = client.get(reverse("learning:journey_csv", args=[slug]))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def _pdf_rows(html):
    """(indicator, date, judgement, words) for each row of the PDF's tables."""
    found = []
    for section in re.findall(r'<section class="journey">(.*?)</section>', html, re.S):
        heading = re.search(r"<h2>(.*?)</h2>", section).group(1)
        for cells in re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", section):
            found.append((heading, *cells))
    return found


def test_the_figures_match_hand_computed_ones(year, member):
    framework, isolated, explain, _first = year
    lines = {line.indicator: line for line in journey.lines(framework, member, in_room=True)}
    # isolated was judged not yet, early signs, clear signs; explain early, early, clear.
    assert lines[isolated].figures == {
        "judged": 3,
        "counts": [("Not yet", 1), ("Early signs", 1), ("Clear signs", 1)],
        "first": "Not yet",
        "latest": "Clear signs",
    }
    assert lines[explain].figures["counts"] == [
        ("Not yet", 0),
        ("Early signs", 2),
        ("Clear signs", 1),
    ]
    # explain's points sit on the same x as isolated's (same meetings); y: 100, 100, 40.
    assert lines[explain].path == "40.0,100.0 269.4,100.0 560.0,40.0"
    # The words changed between the first and second meeting: one mark, at the second point.
    assert [round(p.x, 1) for p in lines[isolated].changes] == [269.4]
    assert lines[explain].changes == []


def test_the_page_the_csv_and_the_pdf_carry_the_same_figures(year, member, client_for):
    framework, isolated, _explain, _first = year
    slug = framework.partnership.slug
    client = client_for(member)
    page = client.get(reverse("learning:journey", args=[slug])).content.decode()
    rows = _csv(client, slug)
    html = journey.pdf_html(framework, journey.lines(framework, member, in_room=True), in_room=True)

    assert rows[0] == journey.CSV_HEADER
    from_csv = [(r[0], r[2], r[3], r[1]) for r in rows[1:]]
    assert from_csv == _pdf_rows(html)
    assert len(from_csv) == 6
    assert ("Families feel less alone", "2026-01-10", "Not yet", "Families feel less isolated") in (
        from_csv
    )
    # The figures, worked out from the CSV's rows, are the ones the page and the PDF state.
    for indicator in ("Families feel less alone", "We can explain our approach"):
        levels = [r[3] for r in rows[1:] if r[0] == indicator]
        said = (
            f"Judged at {len(levels)} meetings: not yet {levels.count('Not yet')}, "
            f"early signs {levels.count('Early signs')}, clear signs {levels.count('Clear signs')}."
            f" From “{levels[0]}” to “{levels[-1]}”."
        )
        assert said in page
        assert said in html
    assert "Judged at 3 meetings: not yet 1, early signs 1, clear signs 1." in page
    # The PDF itself is made from that HTML.
    pdf = client.get(reverse("learning:journey_pdf", args=[slug]))
    assert pdf.content.startswith(b"%PDF")


def test_each_point_shows_the_evidence_and_actions_behind_it(year, member, client_for):
    framework, isolated, _explain, first = year
    story = ResourceFactory(
        title="Dads at the Saturday club",
        resource_type=Resource.Type.STORY,
        partnership=framework.partnership,
    )
    judgement = first.judgements.get(indicator=isolated)
    judgement.evidence = story
    judgement.save()
    slug = framework.partnership.slug
    client = client_for(member)
    page = client.get(reverse("learning:journey", args=[slug])).content.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\"><a[^>]*>10 Jan 2026</a></th>(.*?)</tr>", page, re.S)
    cells = row.group(1)
    assert "Only two came" in cells
    assert f'<a href="{story.get_absolute_url()}">Story: Dads at the Saturday club</a>' in cells
    assert "Ask the school to share the flyer (Sam, done)" in cells
    rows = _csv(client, slug)
    first_row = next(r for r in rows if r[2] == "2026-01-10" and r[0] == "Families feel less alone")
    assert first_row[6] == "Story: Dads at the Saturday club"
    assert first_row[7] == "Ask the school to share the flyer (Sam, Done)"
    html = journey.pdf_html(framework, journey.lines(framework, member, in_room=True), in_room=True)
    assert "(Story: Dads at the Saturday club)" in html
    assert "Ask the school to share the flyer (Sam, Done)" in html


def test_the_programme_team_gets_only_shared_journeys_without_actions(
    year, member, officer, client_for
):
    framework, isolated, _explain, _first = year
    services.share_journey(isolated, share=True, by=member)
    slug = framework.partnership.slug
    rows = _csv(client_for(officer), slug)
    assert rows[0] == journey.CSV_HEADER[:-1]  # no actions column
    assert {r[0] for r in rows[1:]} == {"Families feel less alone"}
    assert not any("Ask the school" in cell for r in rows for cell in r)
    html = journey.pdf_html(
        framework, journey.lines(framework, officer, in_room=False), in_room=False
    )
    assert "We can explain our approach" not in html
    assert "Ask the school" not in html
    assert "Only two came" in html  # the shared journey's evidence


def test_a_linked_resource_the_viewer_may_not_see_is_left_out(
    year, member, facilitator, other_partnership
):
    framework, isolated, _explain, first = year
    theirs = ResourceFactory(
        title="Another partnership's budget",
        visibility="partnership",
        partnership=framework.partnership,
    )
    judgement = first.judgements.get(indicator=isolated)
    judgement.evidence = theirs
    judgement.save()
    for viewer, shown in ((member, True), (facilitator, False)):
        line = next(
            li for li in journey.lines(framework, viewer, in_room=True) if li.indicator == isolated
        )
        assert (line.points[0].evidence == theirs) is shown
