"""A chart: one table of figures, drawn as a horizontal bar chart in SVG on the server.

The same rows make the HTML table beside the chart and its CSV download, so the three
always agree. No script, no CDN: the SVG is plain markup with a title and description.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import format_html, format_html_join

# Dark enough for 3:1 against white (WCAG 1.4.11); each bar also carries its number.
COLOURS = ["#1d70b8", "#00703c", "#4c2c92", "#b58840", "#912b88", "#505a5f", "#d4351c"]
BAR, GAP, LABEL_WIDTH, PLOT_WIDTH, NUMBER_WIDTH = 16, 10, 220, 360, 60


def cell(value):
    """How a figure is written in the table and the CSV."""
    if value is None:
        return "none yet"
    if isinstance(value, float | Decimal):
        return f"{value:.1f}"
    return str(value)


@dataclass
class Chart:
    slug: str
    title: str
    columns: list  # the first names the rows' labels; the rest are series
    rows: list = field(default_factory=list)  # [label, number, number, ...]
    description: str = ""
    drawn_rows: int | None = None  # rows past this are in the table only (e.g. a median)

    @property
    def table(self):
        return [[cell(value) for value in row] for row in self.rows]

    def csv(self):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.columns)
        writer.writerows(self.table)
        return out.getvalue()

    @property
    def series(self):
        return [
            (name, COLOURS[index % len(COLOURS)]) for index, name in enumerate(self.columns[1:])
        ]

    def svg(self):
        rows = self.rows[: self.drawn_rows]
        series = self.series
        most = max([v for row in rows for v in row[1:] if v is not None] + [1])
        group = BAR * len(series) + GAP
        legend = 22 if len(series) > 1 else 0
        height = legend + group * max(len(rows), 1) + GAP
        width = LABEL_WIDTH + PLOT_WIDTH + NUMBER_WIDTH
        parts = []
        for index, (name, colour) in enumerate(series if legend else []):
            x = LABEL_WIDTH + index * 130
            parts.append(
                format_html(
                    '<rect x="{}" y="4" width="12" height="12" fill="{}"/>'
                    '<text x="{}" y="15" font-size="12">{}</text>',
                    x,
                    colour,
                    x + 16,
                    _short(name, 16),
                )
            )
        for r, row in enumerate(rows):
            top = legend + GAP + r * group
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="13" text-anchor="end">{}</text>',
                    LABEL_WIDTH - 8,
                    top + BAR * len(series) / 2 + 4,
                    _short(str(row[0]), 30),
                )
            )
            for s, (_name, colour) in enumerate(series):
                value = row[1 + s] or 0
                length = round(PLOT_WIDTH * value / most, 1)
                y = top + s * BAR
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                        '<text x="{}" y="{}" font-size="12">{}</text>',
                        LABEL_WIDTH,
                        y + 1,
                        length,
                        BAR - 2,
                        colour,
                        LABEL_WIDTH + length + 4,
                        y + BAR - 4,
                        cell(row[1 + s]),
                    )
                )
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" '
            'width="{w}" height="{h}" class="chart" aria-labelledby="{slug}-svg-title" '
            'focusable="false"><title id="{slug}-svg-title">{title}: the figures are in the '
            "table that follows</title>{body}</svg>",
            w=width,
            h=height,
            slug=self.slug,
            title=self.title,
            body=format_html_join("", "{}", ((part,) for part in parts)),
        )


def _short(text, most):
    return text if len(text) <= most else text[: most - 1] + "…"
