"""Chart specs (Vega-Lite dicts) built with Altair; no HTML, no files.

Each chart kind is built once with Altair (chart_kinds.py) around a named dataset
and cached, then every chart is a copy of that spec with its own rows, title,
colours and axis titles. Rows carry labels already formatted for the page's
language (value with its qualifier, period, source), so tooltips read as the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from .cache import cached, source_of

DATASET = "figures"
NATIONAL_COLOUR = "#222222"
# Okabe–Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
DASHES = {"actual": [1, 0], "target": [6, 4], "required": [2, 3]}


@dataclass
class ChartSeries:
    """What a chart needs to know about one line: its id, label and colour."""
    id: str
    label: str
    colour: str


def series_colours(locality_ids: list[str], national: str) -> dict[str, str]:
    """A colour per locality, in the order given (the same on every chart); the national
    benchmark is always drawn in near-black."""
    colours, index = {}, 0
    for locality in locality_ids:
        if locality == national:
            colours[locality] = NATIONAL_COLOUR
        else:
            colours[locality] = PALETTE[index % len(PALETTE)]
            index += 1
    return colours


TITLE_KEYS = ("x", "y", "series", "kind", "period", "value", "source")


@lru_cache(maxsize=None)
def base_spec(kind: str, validate: bool = False) -> str:
    """The Altair-built spec of a chart kind, as JSON with "@@key@@" placeholders for the
    titles, so the slow Altair build runs once per kind and not once per language.

    Importing Altair and building costs ~0.4 s, so the result is cached, keyed by the Altair
    version and the source of the two modules that shape it."""
    def build() -> bytes:
        from .chart_kinds import build_base_spec  # Altair takes ~0.3 s to import: only when needed
        return build_base_spec(kind, validate, TITLE_KEYS, DATASET).encode("utf-8")

    if validate:   # tests/test_charts.py: always build, and let Altair check the schema
        return build().decode("utf-8")
    inputs = [kind, metadata.version("altair"), *source_of("chart_kinds.py", "charts.py")]
    return cached(f"chart-{kind}.json", inputs, build).decode("utf-8")


@lru_cache(maxsize=None)
def titled_spec(kind: str, titles: tuple[str, ...]) -> str:
    text = base_spec(kind)
    for key, title in zip(TITLE_KEYS, titles):
        text = text.replace(f'"@@{key}@@"', json.dumps(title))
    return text


def chart_spec(kind: str, rows: list[dict], series: list[ChartSeries], titles: dict,
               title: str, subtitle: list[str], description: str = "") -> dict:
    """A complete Vega-Lite spec: the kind's shared spec plus this chart's rows and labels."""
    spec = json.loads(titled_spec(kind, tuple(titles[key] for key in TITLE_KEYS)))
    spec["datasets"] = {DATASET: rows}
    spec["title"] = {"text": title, "subtitle": subtitle, "anchor": "start", "fontSize": 16,
                     "subtitleFontSize": 12, "subtitleColor": "#444"}
    # site.js makes the description the drawing's accessible name (see there).
    spec["description"] = description or title
    colour = {"field": "series", "type": "nominal", "title": titles["series"],
              "legend": {"orient": "bottom"},
              "scale": {"domain": [s.label for s in series], "range": [s.colour for s in series]}}
    target = spec["spec"] if kind == "small_multiples" else spec
    years = sorted({int(r["date"][:4]) for r in rows})
    year_ends = [{"year": y, "month": 12, "date": 31} for y in range(years[0] - 1, years[-1] + 1)]
    dash_labels = sorted({r["kind_label"]: r["kind"] for r in rows}.items(), key=lambda kv: kv[1])
    for layer in target["layer"]:
        layer["encoding"]["color"] = colour
        # Ticks at 31 December labelled with their year: a target "for 2025" sits on "2025".
        layer["encoding"]["x"]["axis"] = {"format": "%Y", "values": year_ends, "labelOverlap": True}
        if "strokeDash" in layer["encoding"]:
            layer["encoding"]["strokeDash"]["scale"] = {
                "domain": [label for label, _ in dash_labels],
                "range": [DASHES[kind] for _, kind in dash_labels]}
    return spec


def script_json(spec: dict) -> str:
    """JSON safe to place inside <script>: '</' and '<!--' cannot end or open anything."""
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
