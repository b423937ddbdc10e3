"""Social cards: the 1200 × 630 PNG a link preview shows (og:image), one for the home page, each
locality and each indicator, per language.

Input: a page (its context's charts) and the site's title. Output: an SVG (a string, drawn here)
with the site title, the page title and a simple chart of the page, and then its PNG, rasterised
by resvg inside vl-convert with DejaVu Sans (the Vietnamese letters need it). Rasterising takes
~20 ms a card, so PNGs are cached (cache.py), keyed by the SVG, the renderer's version and the
font files: a warm build draws nothing. No JavaScript engine is involved, so the cards missing
from the cache are drawn by every worker, once the pages are written (build.py).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

from .cache import digest, lookup, store
from .charts import NATIONAL_COLOUR, PALETTE
from .contexts import Chart, HomeContext, IndicatorContext, LocalityContext
from .figures import NATIONAL
from .i18n import Language
from .writer import OutputFile

CARD_WIDTH, CARD_HEIGHT = 1200, 630
# Room around the chart: the titles above, the legends to the right, the year labels below.
PADDING = {"left": 100, "top": 200, "right": 370, "bottom": 55}
FONT = "DejaVu Sans"
FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"),
                Path("/usr/share/fonts/dejavu"))
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
HOME_CARD = "index.html"   # pages without a card of their own show the home page's
LINE_KINDS = ("actual", "target")   # the required path of a locality's charts is left out: too fine for a thumbnail


@dataclass(frozen=True)
class Card:
    """One social card to draw: where it goes in the site, its SVG, and what it shows in words
    (og:image:alt)."""
    path: str
    spec: str
    alt: str


def card_path(page_name: str, lang: str) -> str:
    """cards/index-vi.png, cards/localities-ha-noi-en.png: one flat folder, every name distinct."""
    return f"cards/{page_name.removesuffix('.html').replace('/', '-')}-{lang}.png"


def page_card(page, lang: Language, site_title: str, data_date: date | None = None) -> Card | None:
    """The card of a home, locality or indicator page; None for other pages and for a locality
    or indicator without a chart (their previews show the home card). A card travels without its
    page: it says what its year ticks mark and how recent its figures are (`data_date`)."""
    context = page.context
    if isinstance(context, HomeContext):
        chart = context.headline_charts[0] if context.headline_charts else None
        lines = chart_lines(chart) if chart else Lines([], [], [], {})
        texts = ("", site_title, chart.title if chart else "")
    elif isinstance(context, LocalityContext):
        lines, texts = locality_lines(context), (site_title, page.title, lang.gettext("Headline indicators (%)"))
    elif isinstance(context, IndicatorContext) and context.main_chart:
        lines, texts = chart_lines(context.main_chart), (site_title, page.title, context.indicator.measure)
    else:
        return None
    if not lines.rows and not isinstance(context, HomeContext):
        return None
    charted = texts[2] if isinstance(context, HomeContext) else ", ".join(lines.series)
    alt = lang.gettext("%(title)s: a chart of %(chart)s over time, actual figures as solid lines and targets as "
                       "dashed lines.") % {"title": texts[1], "chart": charted}
    notes = (lang.gettext("End of year"), lang.gettext("Data as of %(date)s.") % {"date": lang.date(data_date)}
             if data_date else "")
    return Card(card_path(page.name, page.lang), card_svg(*texts, lines, notes), alt)


@dataclass(frozen=True)
class Lines:
    """What a card's chart draws: rows {s: series, k: kind (actual, target), l: line, d: date,
    v: value}, the series in legend order with their colours, and the kinds drawn with their
    labels ({"actual": "thực hiện"}), in LINE_KINDS order."""
    rows: list[dict]
    series: list[str]
    colours: list[str]
    kinds: dict[str, str]


def chart_lines(chart: Chart) -> Lines:
    """A page chart's lines: every locality when it colours them all, else the highlighted ones
    (the national benchmark always), in the page's colours."""
    highlight, colour = chart.config["highlight"], highlight_colours(chart)
    rows = [r for r in chart.rows if r["locality"] in highlight and r["kind"] in LINE_KINDS]
    # By the locality's name alone: "(national benchmark)" would not fit the legend; black says it.
    return lines_of(rows, lambda r: r["panel"], lambda r: colour[r["locality"]])


def highlight_colours(chart: Chart) -> dict[str, str]:
    """The colour of each highlighted locality, as site.js gives it (colourScale): each
    locality's own while every one is coloured, else the palette in the highlight's order; the
    national benchmark near-black."""
    if chart.many:
        others = [i for i in chart.config["highlight"] if i != NATIONAL]
        return {i: PALETTE[n % len(PALETTE)] for n, i in enumerate(others)} | {NATIONAL: NATIONAL_COLOUR}
    return {s[0]: c for s, c in zip(chart.dataset["series"], chart.dataset["colours"])}


def locality_lines(context: LocalityContext) -> Lines:
    """A locality's own lines of its headline indicators (of every charted one when none is a
    headline), one colour per indicator."""
    shorts = {i.id: i.short for i in context.scorecard.indicators}
    charted = [s for s in context.sections if s.chart]
    chosen = ([s for s in charted if s.id in shorts] or charted)[:len(PALETTE)]
    names = {s.id: shorts.get(s.id, s.name) for s in chosen}
    colour = {name: PALETTE[n] for n, name in enumerate(names.values())}
    rows = [{**r, "series": names[s.id]} for s in chosen for r in s.chart.rows
            if r["locality"] == context.locality.id and r["kind"] in LINE_KINDS]
    return lines_of(rows, lambda r: r["series"], lambda r: colour[r["series"]])


def lines_of(rows: list[dict], series_of, colour_of) -> Lines:
    series = list(dict.fromkeys(series_of(r) for r in rows))
    colours = {series_of(r): colour_of(r) for r in rows}
    labels = {r["kind"]: r["kind_label"] for r in rows}
    return Lines([{"s": series_of(r), "k": r["kind"], "l": r["line"], "d": r["date"], "v": r["value"]} for r in rows],
                 series, [colours[s] for s in series], {kind: labels[kind] for kind in LINE_KINDS if kind in labels})


def wrapped(text: str, width: int, lines: int) -> list[str]:
    """At most `lines` lines of `width` characters, the last ending in … when the text is longer."""
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:width - 1].rstrip() + "…"
    return parts


# ---------------------------------------------------------------- the card as SVG
# Drawn here rather than by Vega: an SVG of a few lines, axes and a legend is a string, and
# rasterising it takes resvg (inside vl-convert) ~20 ms, where Vega-Lite → PNG took ~130 ms a card
# and ~0.9 s to start its JavaScript engine, which also cannot be used after a fork.

TARGET_DASH = "12 7"   # targets dashed, actual figures solid, as on the site's charts
INK, MUTED, GRID = "#333333", "#999999", "#e5e5e5"
AXIS_FONT, LEGEND_FONT, LEGEND_ROW, NOTE_FONT = 22, 21, 39, 18
LEGEND_CHARACTERS = 26   # about 310 px of DejaVu Sans at 21 px


def card_svg(kicker: str, title: str, subtitle: str, lines: Lines, notes: tuple[str, str] = ("", "")) -> str:
    """The card: the site's title (small), the page's (large, up to two lines), what the chart
    shows, and the chart in the room left below them; `notes`: what the year ticks mark and the
    data's date, in the legend's column at the foot of the chart."""
    blocks = [(wrapped(kicker, 66, 1) if kicker else [], 26, "#005a9c", True),
              (wrapped(title, 36, 2), 46, "#1a1a1a", True), (wrapped(subtitle, 76, 1), 26, "#4a4a4a", False)]
    parts, y = [], 28
    for text, size, colour, bold in blocks:
        if text and text != [""]:
            for n, line in enumerate(text):   # y is the top of the block; SVG places text by its baseline
                parts.append(svg_text(50, y + round(size * (0.8 + 1.2 * n)), line, size, colour, bold=bold))
            y += round(size * 1.2) * len(text) + 10
    if lines.rows:
        box = Box(PADDING["left"], max(PADDING["top"], y + 30), CARD_WIDTH - PADDING["right"],
                  CARD_HEIGHT - PADDING["bottom"])
        parts += plot(lines, box, reserved=1 if notes[1] else 0)
        axis_title, data_line = notes
        if axis_title:   # beside the year labels, as the site's charts title their axis
            parts.append(svg_text(box.right + 20, box.bottom + 27, axis_title, NOTE_FONT, MUTED))
        if data_line:
            parts.append(svg_text(box.right + 20, box.bottom - 4, data_line, NOTE_FONT, INK))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{CARD_WIDTH}" height="{CARD_HEIGHT}" '
            f'font-family="{FONT}"><rect width="{CARD_WIDTH}" height="{CARD_HEIGHT}" fill="#ffffff"/>'
            + "".join(parts) + "</svg>")


def svg_text(x: float, y: float, text: str, size: int, colour: str, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}" text-anchor="{anchor}"{weight}>'
            f"{escape(text)}</text>")


@dataclass(frozen=True)
class Box:
    """The plotting area, in pixels from the card's top left corner."""
    left: float
    top: float
    right: float
    bottom: float


def plot(lines: Lines, box: Box, reserved: int = 0) -> list[str]:
    """Grid, axes, one line per series and line id (targets dashed), points, and the legend (with
    `reserved` rows left free at its foot)."""
    x_of, x_ticks = time_axis([r["d"] for r in lines.rows], box)
    y_of, y_ticks = value_axis([float(r["v"]) for r in lines.rows], box)
    parts = [f'<line x1="{box.left}" x2="{box.right}" y1="{y_of(v):.1f}" y2="{y_of(v):.1f}" stroke="{GRID}"/>'
             for v in y_ticks]
    parts += [f'<line x1="{box.left}" x2="{box.left}" y1="{box.top}" y2="{box.bottom}" stroke="{MUTED}"/>',
              f'<line x1="{box.left}" x2="{box.right}" y1="{box.bottom}" y2="{box.bottom}" stroke="{MUTED}"/>']
    parts += [svg_text(box.left - 8, y_of(v) + 8, f"{v:g}%", AXIS_FONT, INK, "end") for v in y_ticks]
    parts += [f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{box.bottom}" y2="{box.bottom + 5}" stroke="{MUTED}"/>'
              + svg_text(x, box.bottom + 27, str(year), AXIS_FONT, INK, "middle") for year, x in x_ticks]
    colour = dict(zip(lines.series, lines.colours))
    for (series, kind, _), rows in grouped(lines.rows).items():
        points = [(x_of(r["d"]), y_of(float(r["v"]))) for r in rows]
        path = " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<path d="M{path}" fill="none" stroke="{colour[series]}" stroke-width="5"{dash(kind)}/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.4" fill="{colour[series]}"/>' for x, y in points]
    return parts + legend(lines, box, reserved)


def dash(kind: str) -> str:
    """The stroke's dash attribute: targets dashed, actual figures solid (lines and legend alike)."""
    return f' stroke-dasharray="{TARGET_DASH}"' if kind == "target" else ""


def grouped(rows: list[dict]) -> dict[tuple, list[dict]]:
    """Rows by (series, kind, line), each in date order: one drawn line apiece."""
    lines: dict[tuple, list[dict]] = {}
    for row in rows:
        lines.setdefault((row["s"], row["k"], row["l"]), []).append(row)
    return {key: sorted(rows, key=lambda r: r["d"]) for key, rows in lines.items()}


def legend(lines: Lines, box: Box, reserved: int = 0) -> list[str]:
    """The series (a coloured dot each), then the kinds (a solid and a dashed stroke), as many as fit
    above `reserved` free rows."""
    x, y, parts = box.right + 20, box.top + 11, []
    for series, colour in zip(lines.series, lines.colours):
        parts += [f'<circle cx="{x + 11}" cy="{y}" r="11.3" fill="{colour}"/>',
                  svg_text(x + 28, y + 7, shortened(series), LEGEND_FONT, "#000000")]
        y += LEGEND_ROW
    for kind, label in lines.kinds.items():
        parts += [f'<line x1="{x}" x2="{x + 35}" y1="{y}" y2="{y}" stroke="{INK}" stroke-width="5"{dash(kind)}/>',
                  svg_text(x + 42, y + 7, shortened(label), LEGEND_FONT, "#000000")]
        y += LEGEND_ROW
    return parts[:2 * max(0, int((box.bottom - box.top) // LEGEND_ROW) - reserved)]


def shortened(label: str) -> str:
    return label if len(label) <= LEGEND_CHARACTERS else label[:LEGEND_CHARACTERS - 1].rstrip() + "…"


def time_axis(dates: list[str], box: Box, inset: int = 14,
              labels: int = 6) -> tuple[Callable[[str | int], float], list[tuple[int, float]]]:
    """x of an ISO date (or a day's ordinal), `inset` px in from both ends, and the year ticks:
    on 31 December, labelled with the year, as on the site's charts (site.js, yearEnds): a
    target "for 2025" sits on "2025"; about `labels` + 1 labels at most."""
    days = {d: date.fromisoformat(d[:10]).toordinal() for d in dates}
    first, last = min(days.values()), max(days.values())
    if last - first < 365:   # figures of one year: a year's width around them, so one tick shows
        first, last = (first + last) // 2 - 183, (first + last) // 2 + 182
    inner = box.right - box.left - 2 * inset

    def x_of(value: str | int) -> float:
        day = days[value] if isinstance(value, str) else value
        return box.left + inset + inner * (day - first) / (last - first)

    years = sorted({int(d[:4]) for d in dates})
    step = max(1, -(-(years[-1] - years[0]) // labels))
    ends = [(y, x_of(date(y, 12, 31).toordinal())) for y in range(years[-1], years[0] - 2, -step)]
    return x_of, [(y, x) for y, x in reversed(ends) if box.left <= x <= box.right]


def value_axis(values: list[float], box: Box) -> tuple[Callable[[float], float], list[float]]:
    """y of a value on a "nice" scale that need not start at zero, and its ticks (about five,
    whole numbers at least 1 apart, as the labels say "85%")."""
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    rough = (high - low) / 5
    power = 10 ** math.floor(math.log10(rough))
    step = max(1, next(f for f in (1, 2, 5, 10) if rough / power <= f * 1.0001) * power)
    bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
    ticks = [bottom + step * n for n in range(round((top - bottom) / step) + 1)]

    def y_of(value: float) -> float:
        return box.bottom - (box.bottom - box.top) * (value - bottom) / (top - bottom)

    return y_of, ticks


# ---------------------------------------------------------------- drawing

@lru_cache(maxsize=None)
def font_folder() -> Path | None:
    return next((folder for folder in FONT_FOLDERS if (folder / FONT_FILES[0]).is_file()), None)


@lru_cache(maxsize=None)
def renderer_key() -> tuple[str, ...]:
    """What every card's PNG depends on beside its spec: vl-convert's version and the font files."""
    folder = font_folder()
    fonts = [digest([(folder / name).read_bytes()]) if folder and (folder / name).is_file() else "none"
             for name in FONT_FILES]
    return (metadata.version("vl-convert-python"), *fonts)


_fonts_registered = False


def render_png(svg: str) -> bytes:
    """Rasterises one card (resvg, inside vl-convert: ~20 ms), with the DejaVu fonts."""
    global _fonts_registered
    import vl_convert

    if not _fonts_registered and font_folder():
        vl_convert.register_font_directory(str(font_folder()))
        _fonts_registered = True
    return vl_convert.svg_to_png(svg, scale=1)


def cache_key(card: Card) -> list[str]:
    """What a card's PNG depends on: its SVG and the renderer (cache.py)."""
    return [card.spec, *renderer_key()]


def cached_card_file(card: Card) -> OutputFile | None:
    """The card's PNG when the same SVG was drawn before by the same renderer, else None."""
    png = lookup("card.png", cache_key(card))
    return OutputFile(card.path, png) if png is not None else None


def drawn_card_file(card: Card) -> OutputFile:
    """The card drawn now, and kept in the cache for the next build."""
    png = render_png(card.spec)
    store("card.png", cache_key(card), png)
    return OutputFile(card.path, png)
