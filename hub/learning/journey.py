"""A partnership's journey: each indicator's judgements over time, as figures for a
server-rendered SVG chart, its data table, the CSV and the PDF.

Every output is made from the same :func:`lines`, so the page, the CSV and the PDF can only
show the same figures. Each point is charted and labelled with the words that stood when it
was judged (``Judgement.version``); a change of words is marked on the chart."""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string

from hub.learning import evidence as evidence_picker
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
    new_words: bool = False  # the words changed since the point before

    @property
    def held_on(self):
        return self.judgement.meeting.held_on

    @property
    def words(self):
        """The indicator's words when this point was judged."""
        return self.judgement.version.words

    @property
    def evidence_label(self):
        return evidence_picker.label_of(self.evidence) if self.evidence is not None else ""

    @property
    def actions_text(self):
        return "; ".join(
            f"{a.text} ({a.owner_name}, {a.get_status_display()})" for a in self.actions
        )


@dataclass
class Line:
    indicator: Indicator
    points: list

    @property
    def path(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def changes(self):
        """The points where the indicator was judged in new words."""
        return [p for p in self.points if p.new_words]

    @property
    def figures(self):
        """How many meetings judged it, how many at each level, first and latest judgement."""
        counts = {value: 0 for value, _label in LEVELS}
        for p in self.points:
            counts[p.judgement.level] += 1
        labels = dict(LEVELS)
        return {
            "judged": len(self.points),
            "counts": [(labels[value], counts[value]) for value, _label in LEVELS],
            "first": labels[self.points[0].judgement.level] if self.points else "",
            "latest": labels[self.points[-1].judgement.level] if self.points else "",
        }


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
        .prefetch_related(evidence_picker.prefetch())
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
        points = []
        for j in indicator.seen:
            points.append(
                Point(
                    judgement=j,
                    x=x_for(j.meeting.held_on, first, last),
                    y=y_for(j.level),
                    evidence=j.evidence_for(viewer) if j.evidence_type_id else None,
                    actions=actions_by_meeting.get(j.meeting_id, []),
                    new_words=bool(points) and points[-1].judgement.version_id != j.version_id,
                )
            )
        result.append(Line(indicator=indicator, points=points))
    return result


def chart_context():
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "top": PAD - 20,
        "bottom": HEIGHT - PAD + 10,
        "levels": [(label, y_for(value)) for value, label in LEVELS],
    }


CSV_HEADER = [
    "Indicator",
    "Words at the time",
    "Meeting",
    "Judgement",
    "Level",
    "Evidence",
    "Linked evidence",
    "Actions agreed",
]


def rows(journey, *, in_room):
    """The journey as rows (the CSV's, and the PDF's table): one per judgement."""
    for line in journey:
        for p in line.points:
            j = p.judgement
            yield [
                line.indicator.words,
                p.words,
                p.held_on.isoformat(),
                j.get_level_display(),
                j.level,
                j.note,
                p.evidence_label,
                p.actions_text if in_room else "",
            ]


def as_csv(journey, *, in_room):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER if in_room else CSV_HEADER[:-1])
    for row in rows(journey, in_room=in_room):
        cells = [_safe(c) if isinstance(c, str) else c for c in row]
        writer.writerow(cells if in_room else cells[:-1])
    return out.getvalue()


def _safe(text):
    """No spreadsheet formula from a cell someone typed."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _refuse(url, *args, **kwargs):
    raise ValueError(f"Not fetched: {url}")  # the journey's PDF needs nothing from outside


def pdf_html(framework, journey, *, in_room):
    """The HTML the PDF is made from (the same lines, figures and table as the page)."""
    return render_to_string(
        "learning/journey_pdf.html",
        {
            "partnership": framework.partnership,
            "lines": journey,
            "chart": chart_context(),
            "in_room": in_room,
        },
    )


def as_pdf(framework, journey, *, in_room):
    """The journey as an A4 PDF (WeasyPrint, as briefings use); never cached: it is private."""
    import weasyprint

    html = pdf_html(framework, journey, in_room=in_room)
    return weasyprint.HTML(string=html, url_fetcher=_refuse).write_pdf()
