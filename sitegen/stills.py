"""The still of a page's first chart: the same chart as an SVG drawn at build time, in the page's
HTML, so a reader sees it as soon as that part of the page arrives, without waiting for the Vega
runtime (~590 kB), the rest of the page and the chart to be compiled; site.js replaces it with
the interactive chart, and a reader without JavaScript keeps it.

It draws what the interactive chart draws at a desktop's width, from the same rows: every
locality's lines (the ones not highlighted thin and grey), the highlighted ones in their colours,
targets dashed and the required path dotted, actual figures as filled points and targets as
hollow ones, the titles, the axes with a tick on each year's end, and the legend (or, with many
localities, each highlighted line's name at its end). It has no tooltips: the table under the
chart holds the figures. Text is placed by character counts, not measured: close to Vega's
layout, not the same. Colours follow the page's (site.css, `.chart-still`), light or dark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable
from xml.sax.saxutils import escape

from .cards import Box, highlight_colours, time_axis, wrapped
from .charts import DASHES
from .contexts import Chart
from .figures import NATIONAL

WIDTH = 720                      # the drawing's own width; the page scales it down to a narrower column
PLOT_HEIGHT = 320                # as site.js draws a chart on a screen 500 px wide or more
LEFT, RIGHT, PAD = 48, 20, 5     # room for the value axis; for the last year's label; Vega's padding
TITLE_CHARACTERS, SUBTITLE_CHARACTERS = 72, 104   # about WIDTH - 12 px of bold 16 px / 12 px sans-serif
LABEL_WIDTH = 6.5                # px a character of the end labels (bold 11 px), as site.js reckons
LEGEND_CHARACTERS = 27           # Vega's legend labels stop at 160 px
LEGEND_LETTER = 5.6              # px a character of the legends' labels (10 px)
CIRCLE = "a4.4,4.4 0 1,0 8.8,0a4.4,4.4 0 1,0 -8.8,0"   # a point (Vega-Lite's size 60: r = 4.4 px), from its left
MUTED = "#b8b8b8"                # chart_kinds.MUTED (not imported: that module imports Altair)


def chart_still(chart: Chart, titles: dict, number: Callable[[float, int], str]) -> str:
    """The chart as an SVG element for the page. `titles`: the axis and legend titles of the
    page's language (page_charts.chart_titles); `number`: its number format (Language.number:
    "2,5" in Vietnamese, where "2.5" would read as two thousand five hundred)."""
    highlight = set(chart.config["highlight"])
    ends = end_points(chart.rows, highlight) if chart.many else {}
    header, top = title_lines(chart.config["title"], chart.config["subtitle"])
    label_room = 10 + LABEL_WIDTH * max((len(r["panel"]) for r in ends.values()), default=0) if ends else 0
    box = Box(LEFT, top, WIDTH - RIGHT - label_room, top + PLOT_HEIGHT)
    x_of, years = time_axis([r["date"] for r in chart.rows], box, inset=0, labels=14)
    y_of, ticks, domain = value_scale([r["value"] for r in chart.rows], box)
    colour = highlight_colours(chart)
    parts = header + axes(box, x_of, years, y_of, [(v, number(v, 3)) for v in ticks], titles)
    parts += lines(chart.rows, highlight, colour, x_of, y_of) + points(chart.rows, highlight, colour, x_of, y_of)
    parts += end_labels(ends, colour, x_of, y_of, domain)
    legend_parts, height = legends(chart, highlight, colour, titles, box.bottom + 44)
    # Hidden from screen readers: the interactive chart replaces it with its text alternative,
    # and without JavaScript the table under it holds the figures.
    return (f'<svg class="chart-still" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" font-family="sans-serif" font-size="12" aria-hidden="true">'
            + "".join(parts + legend_parts) + "</svg>")


def text(x: float, y: float, content: str, size: int, anchor: str = "start", bold: bool = False,
         extra: str = "") -> str:
    # Whole pixels, and the drawing's defaults (12 px, anchored at the start) left out: the still
    # is in the page's HTML, whose weight has a budget.
    size_attribute = f' font-size="{size}"' if size != 12 else ""
    anchor_attribute = f' text-anchor="{anchor}"' if anchor != "start" else ""
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.0f}" y="{y:.0f}"{size_attribute}{anchor_attribute}{weight}{extra}>{escape(content)}</text>'


def title_lines(title: str, subtitle: list[str]) -> tuple[list[str], int]:
    """The title (bold 16 px) and the subtitle (12 px, in the muted colour), as site.js wraps
    them below 900 px: the subtitle's lines joined and wrapped again. Returns the texts and
    where the plot starts."""
    parts, y = [], PAD
    for line in wrapped(title, TITLE_CHARACTERS, 2):
        parts.append(text(PAD, y + 15, line, 16, bold=True))
        y += 19
    for line in wrapped(" ".join(subtitle), SUBTITLE_CHARACTERS, 4):
        parts.append(text(PAD, y + 13, line, 12, extra=' class="sub"'))
        y += 15
    return parts, y + 12


def value_scale(values: list[float], box: Box) -> tuple:
    """y of a value on Vega's "nice" linear scale (not from zero: `zero=False`), its ticks
    (about one per 40 px, as Vega-Lite asks) and the scale's domain."""
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    step = tick_step(low, high, 10)
    # (the small slack: 2.6 / 0.2 is 12.999… in floating point)
    low, high = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
    tick = tick_step(low, high, math.ceil(PLOT_HEIGHT / 40))
    ticks = [round(v * tick, 10) for v in range(math.ceil(low / tick - 1e-9), math.floor(high / tick + 1e-9) + 1)]

    def y_of(value: float) -> float:
        return box.bottom - (box.bottom - box.top) * (value - low) / (high - low)

    return y_of, ticks, (low, high)


def tick_step(low: float, high: float, count: int) -> float:
    """d3's tick increment (d3-array tickIncrement), which Vega's scales and axes use: 1, 2 or 5
    times a power of ten, the nearest to (high - low) / count."""
    rough = (high - low) / count
    power = 10 ** math.floor(math.log10(rough))
    error = rough / power
    return power * (10 if error >= math.sqrt(50) else 5 if error >= math.sqrt(10) else 2 if error >= math.sqrt(2) else 1)


def axes(box: Box, x_of, years, y_of, ticks: list[tuple[float, str]], titles: dict) -> list[str]:
    """Grid lines, the value axis ("%") on the left with its labelled ticks, the years below,
    with the axis titles."""
    parts = [f'<path class="grid" d="{grid_path(box, x_of, years, y_of, [v for v, _ in ticks])}"/>',
             f'<path class="axis" d="M{box.left},{box.bottom}H{box.right}"/>']
    parts += [text(box.left - 7, y_of(v) + 4, label, 12, "end") for v, label in ticks]
    parts += [text(x, box.bottom + 16, str(year), 12, "middle") for year, x in years]
    parts.append(text(box.left + (box.right - box.left) / 2, box.bottom + 33, titles["x"], 12, "middle", bold=True))
    middle = box.top + (box.bottom - box.top) / 2
    parts.append(text(14, middle, titles["y"], 12, "middle", bold=True, extra=f' transform="rotate(-90 14 {middle:.0f})"'))
    return parts


def grid_path(box: Box, x_of, years, y_of, ticks) -> str:
    across = "".join(f"M{box.left:.0f},{y_of(v):.0f}H{box.right:.0f}" for v in ticks)
    return across + "".join(f"M{x:.0f},{box.top:.0f}V{box.bottom:.0f}" for _, x in years)


def lines(rows: list[dict], highlight: set[str], colour: dict, x_of, y_of) -> list[str]:
    """One path per line (a locality's actual figures, each document's targets, the required
    path), in date order: the others' thin and grey beneath, the highlighted ones above."""
    by_line: dict[str, list[dict]] = {}
    for row in rows:
        by_line.setdefault(row["line"], []).append(row)
    muted, bright = [], []
    for line_rows in by_line.values():
        first = line_rows[0]
        path = "M" + "L".join(f"{x_of(r['date']):.0f},{y_of(r['value']):.0f}"
                              for r in sorted(line_rows, key=lambda r: r["date"]))
        dash = dash_attribute(first["kind"])
        if first["locality"] in highlight:
            bright.append(f'<path d="{path}" fill="none" stroke="{colour[first["locality"]]}" stroke-width="2"'
                          f'{national_class(first["locality"])}{dash}/>')
        else:
            muted.append(f'<path d="{path}" fill="none" stroke="{MUTED}" stroke-width="0.8" opacity="0.6"{dash}/>')
    return muted + bright


def dash_attribute(kind: str) -> str:
    """Actual figures solid, targets and the required path dashed as on the site's charts
    (charts.DASHES), lines and legend alike."""
    return "" if kind == "actual" else f' stroke-dasharray="{" ".join(map(str, DASHES[kind]))}"'


def national_class(locality: str) -> str:
    """The national benchmark, near-black, takes the text's colour on a dark screen (site.css)."""
    return ' class="national"' if locality == NATIONAL else ""


def points(rows: list[dict], highlight: set[str], colour: dict, x_of, y_of) -> list[str]:
    """The highlighted localities' figures: actual ones filled, targets hollow (the required
    path has none); one path of circles per locality and kind."""
    circles: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        if r["locality"] in highlight and r["kind"] in ("actual", "target"):
            x, y = x_of(r["date"]), y_of(r["value"])
            circles.setdefault((r["locality"], r["kind"]), []).append(f"M{x - 4.4:.1f},{y:.0f}{CIRCLE}")
    parts = []
    for (locality, kind), drawn in circles.items():
        paint = (f'fill="{colour[locality]}"' if kind == "actual"
                 else f'fill="none" stroke="{colour[locality]}" stroke-width="2"')
        parts.append(f'<path d="{"".join(drawn)}" {paint}{national_class(locality)}/>')
    return parts


def end_points(rows: list[dict], highlight: set[str]) -> dict[str, dict]:
    """The newest actual of each highlighted locality (else its newest target): where its name
    goes, as site.js (endPoints) puts it."""
    best: dict[str, dict] = {}
    for r in rows:
        if r["locality"] not in highlight or r["kind"] == "required":
            continue
        held = best.get(r["locality"])
        if held is None or (r["kind"] == "actual", r["date"]) > (held["kind"] == "actual", held["date"]):
            best[r["locality"]] = r
    return best


def end_labels(ends: dict[str, dict], colour: dict, x_of, y_of, domain: tuple[float, float]) -> list[str]:
    """Each highlighted line's name at its end, moved apart when closer than a line of text, as
    site.js (spreadLabels) moves them."""
    placed = spread([(r["value"], locality) for locality, r in ends.items()], domain)
    return [text(x_of(ends[locality]["date"]) + 6, y_of(value) + 4, ends[locality]["panel"], 11, bold=True,
                 extra=f' fill="{colour[locality]}"{national_class(locality)}')
            for locality, value in placed.items()]


def spread(labels: list[tuple[float, str]], domain: tuple[float, float]) -> dict[str, float]:
    low, high = domain
    gap = 13 * (high - low) / PLOT_HEIGHT
    ordered = sorted(labels, key=lambda item: -item[0])
    placed: list[float] = []
    for value, _ in ordered:
        placed.append(min(value, placed[-1] - gap) if placed else value)
    for i in range(len(placed) - 1, -1, -1):
        floor = low + gap / 2 if i == len(placed) - 1 else placed[i + 1] + gap
        placed[i] = max(placed[i], floor)
    return {locality: y for (_, locality), y in zip(ordered, placed)}


@dataclass(frozen=True)
class LegendEntry:
    label: str
    stroke: str
    dash: str        # the stroke's dash attribute, or ""
    css: str = ""    # its class attribute, or ""


def legends(chart: Chart, highlight: set[str], colour: dict, titles: dict, top: float) -> tuple[list[str], int]:
    """The localities' colours (when every locality is coloured) and the line styles, side by
    side below the chart, three entries to a row; returns them and the drawing's height."""
    blocks = []
    if not chart.many:
        series = {r["locality"]: r["series"] for r in chart.rows if r["locality"] in highlight}
        ordered = sorted(series, key=lambda i: i == NATIONAL)   # the national benchmark last, as site.js orders
        blocks.append((titles["series"], [LegendEntry(series[i], colour[i], "", national_class(i))
                                          for i in ordered]))
    kinds = sorted({r["kind"]: r["kind_label"] for r in chart.rows}.items())
    blocks.append((titles["kind"], [LegendEntry(label, "currentColor", dash_attribute(kind))
                                    for kind, label in kinds]))
    parts, x, y, bottom = [], LEFT - 10, top, top
    for title, entries in blocks:
        labels = [wrapped(e.label, LEGEND_CHARACTERS, 1)[0] for e in entries]
        column = 32 + LEGEND_LETTER * max(map(len, labels))
        width = min(len(entries), 3) * column
        if x + width > WIDTH:   # no room beside the block before: below it
            x, y = LEFT - 10, bottom + 22
        parts.append(text(x, y, title, 11, bold=True))
        for n, (entry, label) in enumerate(zip(entries, labels)):
            ex, ey = x + (n % 3) * column, y + 18 + (n // 3) * 16
            parts.append(f'<path d="M{ex:.0f},{ey - 4:.0f}h20" stroke="{entry.stroke}" stroke-width="2"{entry.css}{entry.dash}/>')
            parts.append(text(ex + 25, ey, label, 10))
            bottom = max(bottom, ey)
        x += width + 24
    return parts, math.ceil(bottom + 8)
