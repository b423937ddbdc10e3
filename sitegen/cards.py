"""Social cards: the 1200 × 630 PNG a link preview shows (og:image), one for the home page, each
locality and each indicator, per language.

Input: a page (its context's charts) and the site's title. Output: a Vega-Lite spec (a plain dict,
no Altair: building it costs nothing) with the site title, the page title and a simple chart of
the page, and then its PNG, drawn by vl-convert with DejaVu Sans (vl-convert's default font has no
Vietnamese glyphs and falls back to a serif for accented letters). Drawing costs ~25 ms a card
(and ~0.4 s to start vl-convert), so PNGs are cached (cache.py), keyed by the spec, the renderer's
version and the font files: a warm build draws nothing.

vl-convert's JavaScript engine runs in threads that a fork does not copy: a worker forked after
the build process used it would wait for ever. So the language workers only make the specs; the
build process draws the missing cards once the workers are done (build.py).
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .cache import cached, digest
from .charts import DASHES, NATIONAL_COLOUR, PALETTE
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
    """One social card to draw: where it goes in the site, its spec as canonical JSON, and what
    it shows in words (og:image:alt)."""
    path: str
    spec: str
    alt: str


def card_path(page_name: str, lang: str) -> str:
    """cards/index-vi.png, cards/localities-ha-noi-en.png: one flat folder, every name distinct."""
    return f"cards/{page_name.removesuffix('.html').replace('/', '-')}-{lang}.png"


def page_card(page, lang: Language, site_title: str) -> Card | None:
    """The card of a home, locality or indicator page; None for other pages and for a locality
    or indicator without a chart (their previews show the home card)."""
    context = page.context
    if isinstance(context, HomeContext):
        chart = context.headline_charts[0] if context.headline_charts else None
        lines = chart_lines(chart) if chart else Lines([], [], [], [])
        texts = ("", site_title, chart.title if chart else "")
    elif isinstance(context, LocalityContext):
        lines, texts = locality_lines(context), (site_title, page.title, lang.gettext("Headline indicators (%)"))
    elif isinstance(context, IndicatorContext) and context.main_chart:
        lines, texts = chart_lines(context.main_chart), (site_title, page.title, context.indicator.measure)
    else:
        return None
    if not lines.rows and not isinstance(context, HomeContext):
        return None
    spec = json.dumps(card_spec(*texts, lines), ensure_ascii=False, sort_keys=True)
    charted = texts[2] if isinstance(context, HomeContext) else ", ".join(lines.series)
    alt = lang.gettext("%(title)s: a chart of %(chart)s over time, actual figures as solid lines and targets as "
                       "dashed lines.") % {"title": texts[1], "chart": charted}
    return Card(card_path(page.name, page.lang), spec, alt)


@dataclass(frozen=True)
class Lines:
    """What a card's chart draws: rows {s: series, k: kind label, l: line, d: date, v: value},
    the series in legend order with their colours, and the kinds' labels (actual, target)."""
    rows: list[dict]
    series: list[str]
    colours: list[str]
    kinds: list[str]


def chart_lines(chart: Chart) -> Lines:
    """A page chart's lines: every locality when it colours them all, else the highlighted ones
    (the national benchmark always), in the page's colours."""
    highlight = chart.config["highlight"]
    if chart.many:
        others = [i for i in highlight if i != NATIONAL]
        colour = {i: PALETTE[n % len(PALETTE)] for n, i in enumerate(others)} | {NATIONAL: NATIONAL_COLOUR}
    else:
        colour = {s[0]: c for s, c in zip(chart.dataset["series"], chart.dataset["colours"])}
    rows = [r for r in chart.rows if r["locality"] in highlight and r["kind"] in LINE_KINDS]
    # By the locality's name alone: "(national benchmark)" would not fit the legend; black says it.
    return lines_of(rows, lambda r: r["panel"], lambda r: colour[r["locality"]])


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
    kinds = {r["kind"]: r["kind_label"] for r in rows}
    return Lines([{"s": series_of(r), "k": r["kind_label"], "l": r["line"], "d": r["date"], "v": r["value"]}
                  for r in rows],
                 series, [colours[s] for s in series], [kinds[k] for k in LINE_KINDS if k in kinds])


def wrapped(text: str, width: int, lines: int) -> list[str]:
    """At most `lines` lines of `width` characters, the last ending in … when the text is longer."""
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:width - 1].rstrip() + "…"
    return parts


def text_layer(text: list[str], y: int, top: int, size: int, colour: str, bold: bool) -> dict:
    """A block of text at a fixed place above the chart: `y` from the card's top edge, `top` the
    chart's."""
    return {"data": {"values": [{}]},
            "mark": {"type": "text", "text": text, "x": -PADDING["left"] + 50, "y": y - top,
                     "align": "left", "baseline": "top", "fontSize": size, "lineHeight": round(size * 1.2),
                     "color": colour, "fontWeight": "bold" if bold else "normal"}}


def card_spec(kicker: str, title: str, subtitle: str, lines: Lines) -> dict:
    """The card: the site's title (small), the page's (large, up to two lines), what the chart
    shows, and the chart in the room left below them."""
    blocks = [(wrapped(kicker, 66, 1) if kicker else [], 26, "#005a9c", True),
              (wrapped(title, 36, 2), 46, "#1a1a1a", True), (wrapped(subtitle, 76, 1), 26, "#4a4a4a", False)]
    placed, y = [], 28
    for text, size, colour, bold in blocks:
        if text and text != [""]:
            placed.append((text, y, size, colour, bold))
            y += round(size * 1.2) * len(text) + 10
    top = max(PADDING["top"], y + 30)
    layers = [text_layer(text, at, top, size, colour, bold) for text, at, size, colour, bold in placed]
    if lines.rows:
        layers.append(line_layer(lines))
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "width": CARD_WIDTH - PADDING["left"] - PADDING["right"],
            "height": CARD_HEIGHT - top - PADDING["bottom"],
            "autosize": {"type": "none"}, "padding": {**PADDING, "top": top}, "background": "#ffffff",
            "config": {"font": FONT, "view": {"stroke": None}}, "layer": layers}


def line_layer(lines: Lines) -> dict:
    years = {int(r["d"][:4]) for r in lines.rows}
    step = max(1, -(-(max(years) - min(years)) // 6))   # at most ~7 year labels
    # Ticks on 31 December labelled with the year, as on the site's charts (site.js, yearEnds):
    # a target "for 2025" sits on "2025", not beside "2026".
    year_ends = [{"year": y, "month": 12, "date": 31, "utc": True}
                 for y in range(max(years), min(years) - 2, -step)][::-1]
    axis = {"labelFontSize": 22, "labelColor": "#333333", "tickColor": "#999999", "domainColor": "#999999",
            "titleFontSize": 22}
    legend = {"labelFontSize": 21, "title": None, "labelLimit": 310, "symbolSize": 400, "symbolStrokeWidth": 5,
              "rowPadding": 8}
    dashes = {"symbolType": "stroke", "symbolSize": 1200,   # the symbols' colour would come from the colour scale
              "encode": {"symbols": {"update": {"stroke": {"value": "#333333"}, "fill": {"value": "transparent"}}}}}
    return {"data": {"values": lines.rows},
            "mark": {"type": "line", "strokeWidth": 5, "point": {"size": 90, "filled": True}},
            "encoding": {
                "x": {"field": "d", "type": "temporal", "title": None, "scale": {"padding": 14},
                      "axis": {**axis, "labelExpr": "utcFormat(datum.value, '%Y')", "grid": False,
                               "values": year_ends}},
                "y": {"field": "v", "type": "quantitative", "title": None, "scale": {"zero": False},
                      "axis": {**axis, "format": "d", "labelExpr": "datum.label + '%'", "tickMinStep": 1,
                               "tickCount": 5, "gridColor": "#e5e5e5"}},
                "color": {"field": "s", "type": "nominal", "scale": {"domain": lines.series, "range": lines.colours},
                          "legend": legend},
                "strokeDash": {"field": "k", "type": "nominal",
                               "scale": {"domain": lines.kinds, "range": [DASHES["actual"], [12, 7]][:len(lines.kinds)]},
                               "legend": {**legend, **dashes}},
                "detail": {"field": "l", "type": "nominal"}}}


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


def render_png(spec: str) -> bytes:
    """Draws one card (vl-convert: ~0.4 s to start, ~25 ms a card)."""
    global _fonts_registered
    import vl_convert

    if not _fonts_registered and font_folder():
        vl_convert.register_font_directory(str(font_folder()))
        _fonts_registered = True
    return vl_convert.vegalite_to_png(json.loads(spec), scale=1)


def card_files(cards: list[Card]) -> list[OutputFile]:
    """Each card's PNG, from the cache when the same spec was drawn before by the same renderer."""
    key = renderer_key()
    return [OutputFile(card.path, cached("card.png", [card.spec, *key], lambda card=card: render_png(card.spec)))
            for card in cards]
