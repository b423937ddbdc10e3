"""The chart kinds, defined with Altair: one style across the site.

Actuals are solid lines with filled points, targets dashed lines with hollow points,
the required path dotted; colours, dashes and titles are filled in per chart by charts.py.
Only charts.py imports this module (lazily: Altair takes ~0.3 s to import), and this module
imports nothing from sitegen, so the two cannot import each other.
"""

from __future__ import annotations

import json

import altair as alt


def tooltip_fields(titles: dict) -> list:
    return [alt.Tooltip("series:N", title=titles["series"]),
            alt.Tooltip("kind_label:N", title=titles["kind"]),
            alt.Tooltip("period_label:N", title=titles["period"]),
            alt.Tooltip("value_label:N", title=titles["value"]),
            alt.Tooltip("source_label:N", title=titles["source"])]


def layers(titles: dict, dataset: str) -> alt.LayerChart:
    base = alt.Chart(alt.NamedData(dataset)).encode(
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


def build_base_spec(kind: str, validate: bool, title_keys: tuple[str, ...], dataset: str) -> str:
    """The Vega-Lite spec of a chart kind as JSON, drawing the named `dataset`, with "@@key@@"
    placeholders for its titles."""
    chart = layers({key: f"@@{key}@@" for key in title_keys}, dataset)
    # Sizes are placeholders: site.js fits every chart to the width of its column.
    if kind == "small_multiples":
        chart = chart.properties(width=220, height=170).facet(
            facet=alt.Facet("panel:N", title=None, header=alt.Header(labelFontSize=13, labelFontWeight="bold")),
            columns=3)
    else:
        chart = chart.properties(width=600, height=320)
    chart = chart.configure_view(stroke=None).configure_axis(labelFontSize=12, titleFontSize=12)
    # Validated by tests/test_charts.py; a build only does it when asked (it costs ~0.1 s a kind).
    return json.dumps(chart.to_dict(validate=validate))
