"""Charts: what each chart draws, as data for the page's script; no HTML, no files.

Each chart kind is built once with Altair (chart_kinds.py) around a named dataset, compiled
to Vega and cached. A page carries one payload (render.py puts it in a <script
type="application/json">): the kinds with their titles in the page's language, each dataset
once (a chart and its small multiples share theirs) in a compact form, and per chart its
title, subtitle and the localities it highlights. The page's script (templates/static/site.js)
fills a kind's Vega spec with a chart's rows, colours, dashes, title and size, and draws it.
Rows carry labels already formatted for the page's language, so tooltips read as the page.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import metadata

from .cache import cached, source_of

DATASET = "figures"
NATIONAL_COLOUR = "#222222"
# Okabe–Ito: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]
DASHES = {"actual": [1, 0], "target": [6, 4], "required": [2, 3]}


TITLE_KEYS = ("x", "y", "series", "kind", "period", "value", "source")
# The small multiples' column count is a signal, so site.js can fit 1 to 3 columns to the width.
COLUMNS_SIGNAL = "columns"
COMPILED_COLUMNS = 'ceil(length(data("facet_domain")) / 3)'


@lru_cache(maxsize=None)
def base_spec(kind: str) -> str:
    """The Vega spec of a chart kind (Vega-Lite compiled at build time, so pages need only the
    Vega runtime), as JSON with "@@key@@" placeholders for its titles: the slow Altair build
    and compile run once per kind and not once per language.

    Importing Altair, building and compiling cost ~1 s, so the result is cached, keyed by the
    Altair and vl-convert versions and the source of the two modules that shape it."""
    inputs = [kind, metadata.version("altair"), metadata.version("vl-convert-python"),
              *source_of("chart_kinds.py", "charts.py")]
    return cached(f"chart-{kind}.vg.json", inputs, lambda: json.dumps(compile_kind(kind)).encode("utf-8")).decode("utf-8")


def compile_kind(kind: str) -> dict:
    import vl_convert  # imported only on a cache miss, like Altair

    from .chart_kinds import build_base_spec
    spec = vl_convert.vegalite_to_vega(build_base_spec(kind, False, TITLE_KEYS, DATASET))
    if kind == "small_multiples":
        rows = next(d for d in spec["data"] if d["name"] == "facet_domain_row")
        stop = rows["transform"][0]["stop"]
        if stop != {"signal": COMPILED_COLUMNS}:   # tests/test_charts.py would say so first
            raise RuntimeError(f"unexpected Vega-Lite facet layout: {stop}")
        rows["transform"][0]["stop"] = {"signal": COMPILED_COLUMNS.replace("3", COLUMNS_SIGNAL)}
        spec["signals"].append({"name": COLUMNS_SIGNAL, "value": 3})
        spec["layout"]["columns"] = {"signal": COLUMNS_SIGNAL}
    return spec


@lru_cache(maxsize=None)
def titled_kind(kind: str, titles: tuple[str, ...]) -> dict:
    """The kind's Vega spec with its titles in the page's language: as whole values (axis and
    legend titles) and as string literals inside Vega expressions (the tooltips' field names)."""
    values = {f"@@{key}@@": title for key, title in zip(TITLE_KEYS, titles)}

    def fill(node):
        if isinstance(node, dict):
            return {key: fill(value) for key, value in node.items()}
        if isinstance(node, list):
            return [fill(value) for value in node]
        if isinstance(node, str) and "@@" in node:
            if node in values:
                return values[node]
            for placeholder, title in values.items():   # in an expression: a quoted literal
                node = node.replace(f'"{placeholder}"', json.dumps(title, ensure_ascii=False))
        return node

    return fill(json.loads(base_spec(kind)))


# Beyond this many localities a chart highlights a few (the national benchmark always) and
# draws the others as thin grey lines, with labels at line ends instead of a legend.
MANY = 8


def encode_dataset(rows: list[dict]) -> dict:
    """Rows in a compact form: each series and each repeated label once, rows as arrays
    [series, kind, date, value, value label, period, source, line] of indexes and values."""
    series: list[list[str]] = []
    strings: list[str] = []
    series_index: dict[tuple, int] = {}
    string_index: dict[str, int] = {}

    def text(value: str) -> int:
        if value not in string_index:
            string_index[value] = len(strings)
            strings.append(value)
        return string_index[value]

    encoded = []
    for r in rows:
        key = (r["locality"], r["series"], r["panel"])
        if key not in series_index:
            series_index[key] = len(series)
            series.append(list(key))
        encoded.append([series_index[key], r["kind"], r["date"], r["value"], r["value_label"],
                        text(r["period_label"]), text(r["source_label"]), text(r["line"])])
    return {"series": series, "strings": strings, "kinds": {r["kind"]: r["kind_label"] for r in rows},
            "rows": encoded}


def page_payload(charts: list, titles: dict, national: str) -> dict:
    """Everything a page's charts need, each kind and each dataset once."""
    title_values = tuple(titles[key] for key in TITLE_KEYS)
    return {"kinds": {c.config["kind"]: titled_kind(c.config["kind"], title_values) for c in charts},
            "datasets": {c.config["dataset"]: c.dataset for c in charts},
            "charts": {c.id: c.config for c in charts},
            "palette": PALETTE, "nationalColour": NATIONAL_COLOUR, "national": national, "dashes": DASHES,
            "many": MANY}


def script_json(spec: dict) -> str:
    """JSON safe to place inside <script>: '</' and '<!--' cannot end or open anything."""
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
