"""A chart: one table of figures, drawn as a horizontal bar chart in SVG on the server.

The same rows make the HTML table beside the chart and its CSV download, so the three
always agree. No script, no CDN: the SVG is plain markup with a title and description.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.html import escape
from django.utils.safestring import mark_safe

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

    def drawn(self):
        """The chart with its SVG and table already built (kept so in the cache)."""
        self.svg, self.table_html  # noqa: B018 (cached_property: building is the point)
        return self

    @cached_property
    def table_html(self):
        """The figures as an HTML table (header row, then one row per label), built here
        rather than in a template loop: at 10x the data it is thousands of cells."""
        head = "".join(f'<th scope="col">{escape(column)}</th>' for column in self.columns)
        body = "".join(
            f'<tr><th scope="row">{escape(row[0])}</th>'
            + "".join(f"<td>{escape(value)}</td>" for value in row[1:])
            + "</tr>"
            for row in self.table
        )
        slug, title = escape(self.slug), escape(self.title)
        return mark_safe(  # noqa: S308 (every value above is escaped)
            f'<table id="{slug}-table"><caption id="{slug}-caption">{title}: the figures'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    @cached_property
    def svg(self):
        """The bar chart. Plain string building with each text escaped once: format_html per
        bar was most of the page's time at 10x the data."""
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
                f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>'
                f'<text x="{x + 16}" y="15" font-size="12">{escape(_short(name, 16))}</text>'
            )
        for r, row in enumerate(rows):
            top = legend + GAP + r * group
            parts.append(
                f'<text x="{LABEL_WIDTH - 8}" y="{top + BAR * len(series) / 2 + 4}" '
                f'font-size="13" text-anchor="end">{escape(_short(str(row[0]), 30))}</text>'
            )
            for s, (_name, colour) in enumerate(series):
                value = row[1 + s] or 0
                length = round(PLOT_WIDTH * value / most, 1)
                y = top + s * BAR
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y + 1}" width="{length}" height="{BAR - 2}" '
                    f'fill="{colour}"/><text x="{LABEL_WIDTH + length + 4}" y="{y + BAR - 4}" '
                    f'font-size="12">{escape(cell(row[1 + s]))}</text>'
                )
        slug = escape(self.slug)
        return mark_safe(  # noqa: S308 (every text above is escaped)
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" class="chart" aria-labelledby="{slug}-svg-title" '
            f'focusable="false"><title id="{slug}-svg-title">{escape(self.title)}: the figures '
            f"are in the table that follows</title>{''.join(parts)}</svg>"
        )


def _short(text, most):
    return text if len(text) <= most else text[: most - 1] + "…"
