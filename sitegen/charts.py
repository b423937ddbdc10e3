"""Chart specs (Vega-Lite dicts) built with Altair; no HTML, no files.

Each chart kind is built once with Altair (schema validation is slow) around a
named dataset, then every chart is a copy of that spec with its own rows, title,
colours and axis titles. Rows carry labels already formatted for the page's
language (value with its qualifier, period, source), so tooltips read as the page.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import altair as alt

from .config import cache_dir

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


def tooltip_fields(titles: dict) -> list:
    return [alt.Tooltip("series:N", title=titles["series"]),
            alt.Tooltip("kind_label:N", title=titles["kind"]),
            alt.Tooltip("period_label:N", title=titles["period"]),
            alt.Tooltip("value_label:N", title=titles["value"]),
            alt.Tooltip("source_label:N", title=titles["source"])]


def layers(titles: dict) -> alt.LayerChart:
    base = alt.Chart(alt.NamedData(DATASET)).encode(
        x=alt.X("date:T", title=titles["x"], axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("value:Q", title=titles["y"], scale=alt.Scale(zero=False, nice=True)),
        color=alt.Color("series:N", title=titles["series"], legend=alt.Legend(orient="bottom")),
        tooltip=tooltip_fields(titles),
    )
    lines = base.mark_line(strokeWidth=2).encode(
        strokeDash=alt.StrokeDash("kind_label:N", title=titles["kind"], legend=alt.Legend(orient="bottom")),
        detail="line:N")
    actual_points = base.mark_point(filled=True, size=60, opacity=1).transform_filter(
        alt.datum.kind == "actual")
    target_points = base.mark_point(filled=False, size=60, strokeWidth=2, opacity=1).transform_filter(
        alt.datum.kind == "target")
    return alt.layer(lines, actual_points, target_points)


TITLE_KEYS = ("x", "y", "series", "kind", "period", "value", "source")


@lru_cache(maxsize=None)
def base_spec(kind: str, validate: bool = False) -> str:
    """The Altair-built spec of a chart kind, as JSON with "@@key@@" placeholders for the
    titles, so the slow Altair build runs once per kind and not once per language.

    Building it costs Altair ~0.1 s, so it is kept in the user's cache, keyed by the Altair
    version and this module's source: any change to either builds it anew."""
    cache = spec_cache_path(kind)
    if not validate:
        try:
            return cache.read_text(encoding="utf-8")
        except OSError:
            pass
    text = build_base_spec(kind, validate)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(cache)
    except OSError:
        pass
    return text


def spec_cache_path(kind: str) -> Path:
    digest = hashlib.sha256(Path(__file__).read_bytes() + alt.__version__.encode()).hexdigest()[:16]
    return cache_dir() / f"chart-{kind}-{digest}.json"


def build_base_spec(kind: str, validate: bool) -> str:
    chart = layers({key: f"@@{key}@@" for key in TITLE_KEYS})
    # Sizes are placeholders: site.js fits every chart to the width of its column.
    if kind == "small_multiples":
        chart = chart.properties(width=220, height=170).facet(
            facet=alt.Facet("panel:N", title=None, header=alt.Header(labelFontSize=13, labelFontWeight="bold")),
            columns=3)
    else:
        chart = chart.properties(width=600, height=320)
    chart = chart.configure_view(stroke=None).configure_axis(labelFontSize=12, titleFontSize=12)
    # Schema validation costs ~0.1 s per kind at every build; tests/test_charts.py validates instead.
    return json.dumps(chart.to_dict(validate=validate))


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
