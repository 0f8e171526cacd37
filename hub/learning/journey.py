"""A partnership's journey: each indicator's judgements over time, as figures for a
server-rendered SVG chart, its data table, the CSV and the PDF."""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string

from hub.learning.models import Indicator, Judgement, MeetingAction
from hub.learning.models.meetings import Level

WIDTH, HEIGHT, PAD = 600, 200, 40
LEVELS = [(value, label) for value, label in Level.choices]


@dataclass
class Point:
    judgement: Judgement
    x: float
    y: float
    evidence: object = None
    actions: list = field(default_factory=list)

    @property
    def held_on(self):
        return self.judgement.meeting.held_on


@dataclass
class Line:
    indicator: Indicator
    points: list

    @property
    def path(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def y_for(level):
    """Not yet at the bottom, clear signs at the top."""
    return HEIGHT - PAD - (level - 1) / 2 * (HEIGHT - 2 * PAD)


def x_for(day, first, last):
    span = (last - first).days
    if span == 0:
        return WIDTH / 2
    return PAD + (day - first).days / span * (WIDTH - 2 * PAD)


def lines(framework, viewer, *, in_room):
    """One line per indicator the viewer may see (the room sees every one; the programme
    team only journeys that were shared). A fixed number of queries."""
    indicators = Indicator.objects.visible_to(viewer).filter(framework=framework)
    judgements = (
        Judgement.objects.visible_to(viewer)
        .select_related("meeting", "version", "evidence_type")
        .order_by("meeting__held_on", "pk")
    )
    indicators = list(
        indicators.prefetch_related(Prefetch("judgements", queryset=judgements, to_attr="seen"))
    )
    actions_by_meeting = {}
    if in_room:
        for action in (
            MeetingAction.objects.filter(meeting__framework=framework)
            .select_related("owner", "review")
            .order_by("pk")
        ):
            actions_by_meeting.setdefault(action.meeting_id, []).append(action)
    days = [j.meeting.held_on for ind in indicators for j in ind.seen]
    first, last = (min(days), max(days)) if days else (None, None)
    result = []
    for indicator in indicators:
        points = [
            Point(
                judgement=j,
                x=x_for(j.meeting.held_on, first, last),
                y=y_for(j.level),
                evidence=j.evidence_for(viewer) if j.evidence_type_id else None,
                actions=actions_by_meeting.get(j.meeting_id, []),
            )
            for j in indicator.seen
        ]
        result.append(Line(indicator=indicator, points=points))
    return result


def chart_context():
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "levels": [(label, y_for(value)) for value, label in LEVELS],
    }


def as_csv(journey):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Indicator", "Words at the time", "Meeting", "Judgement", "Level", "Evidence"])
    for line in journey:
        for p in line.points:
            j = p.judgement
            writer.writerow(
                [
                    _safe(line.indicator.words),
                    _safe(j.version.words),
                    p.held_on.isoformat(),
                    j.get_level_display(),
                    j.level,
                    _safe(j.note),
                ]
            )
    return out.getvalue()


def _safe(text):
    """No spreadsheet formula from a cell someone typed."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _refuse(url, *args, **kwargs):
    raise ValueError(f"Not fetched: {url}")  # the journey's PDF needs nothing from outside


def as_pdf(framework, journey, *, in_room):
    """The journey as an A4 PDF (WeasyPrint, as briefings use); never cached: it is private."""
    import weasyprint

    html = render_to_string(
        "learning/journey_pdf.html",
        {
            "partnership": framework.partnership,
            "lines": journey,
            "chart": chart_context(),
            "in_room": in_room,
        },
    )
    return weasyprint.HTML(string=html, url_fetcher=_refuse).write_pdf()
