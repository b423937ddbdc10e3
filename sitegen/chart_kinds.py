"""The chart kinds, defined with Altair: one style across the site.

Actuals are solid lines with filled points, targets dashed lines with hollow points, the
required path dotted. Each row carries `hl` (the locality is highlighted) and `last` (the
newest actual of a highlighted locality): highlighted localities are drawn in colour with
points and tooltips, the others as thin grey lines for context, and when there are too many
for a legend, highlighted lines are labelled at their ends. Colours, dashes, titles and the
highlight itself are filled in by the page's script (templates/static/site.js).
Only charts.py imports this module (lazily: Altair takes ~0.3 s to import), and this module
imports nothing from sitegen, so the two cannot import each other.
"""

from __future__ import annotations

import altair as alt

MUTED = "#b8b8b8"        # localities that are not highlighted
LEGEND_GREY = "#444444"  # the line styles' legend: dark enough to show the dashes


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
    )
    colour = alt.condition("datum.hl", alt.Color("series:N", title=titles["series"], legend=alt.Legend(
        orient="bottom", symbolStrokeWidth=3)), alt.value(MUTED))
    lines = base.mark_line().encode(
        color=colour,
        strokeWidth=alt.condition("datum.hl", alt.value(2), alt.value(0.8)),
        opacity=alt.condition("datum.hl", alt.value(1), alt.value(0.6)),
        strokeDash=alt.StrokeDash("kind_label:N", title=titles["kind"], legend=alt.Legend(
            orient="bottom", symbolStrokeColor=LEGEND_GREY, symbolStrokeWidth=2, symbolSize=300)),
        detail="line:N")
    highlighted = base.transform_filter("datum.hl").encode(
        color=alt.Color("series:N", title=titles["series"], legend=None), tooltip=tooltip_fields(titles))
    actual_points = highlighted.mark_point(filled=True, size=60, opacity=1).transform_filter(
        alt.datum.kind == "actual")
    target_points = highlighted.mark_point(filled=False, size=60, strokeWidth=2, opacity=1).transform_filter(
        alt.datum.kind == "target")
    # Used instead of the legend when there are too many localities for one: the locality's
    # name at its line's end, at `label_y` (site.js moves labels apart so they don't overlap).
    end_labels = base.transform_filter("datum.hl && datum.last").mark_text(
        align="left", dx=6, fontSize=11, fontWeight="bold").encode(
        y="label_y:Q", text="panel:N", color=alt.Color("series:N", legend=None))
    return alt.layer(lines, actual_points, target_points, end_labels)


def build_base_spec(kind: str, validate: bool, title_keys: tuple[str, ...], dataset: str) -> dict:
    """The Vega-Lite spec of a chart kind, drawing the named `dataset`, with "@@key@@"
    placeholders for its axis and legend titles. Its own title, sizes, colours and dashes are
    placeholders too: site.js sets them per chart and per width."""
    chart = layers({key: f"@@{key}@@" for key in title_keys}, dataset)
    if kind == "small_multiples":
        chart = chart.properties(width=220, height=170).facet(
            facet=alt.Facet("panel:N", title=None, sort=alt.EncodingSortField("order"),
                            header=alt.Header(labelFontSize=13, labelFontWeight="bold")),
            columns=3).resolve_axis(x="independent")   # every panel shows its years
    else:
        chart = chart.properties(width=600, height=320)
    chart = chart.properties(title=alt.TitleParams(
        "@@chart_title@@", subtitle=["@@chart_subtitle@@"], anchor="start", fontSize=16, subtitleFontSize=12,
        subtitleColor="#444"))
    # The marks' own descriptions are off: the drawing has one text alternative (site.js) and
    # the table under it holds the figures.
    chart = chart.configure_view(stroke=None).configure_axis(labelFontSize=12, titleFontSize=12).configure(
        aria=False)
    # Validated by tests/test_charts.py; a build only does it when asked (it costs ~0.1 s a kind).
    return chart.to_dict(validate=validate)
