"""The still of a page's first chart (stills.py): the chart drawn at build time, shown until
site.js draws it and kept without JavaScript. It must draw the same figures as the chart:
every line, targets dashed, the highlighted localities in colour and the others grey."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from sitegen import chart_kinds, stills
from sitegen.cards import Box
from sitegen.contexts import Chart
from sitegen.figures import NATIONAL
from sitegen.i18n import language

SVG = "{http://www.w3.org/2000/svg}"
TITLES = {"x": "Cuối năm", "y": "%", "series": "Địa phương", "kind": "Số liệu"}
VI = language("vi").number
KIND_LABELS = {"actual": "thực hiện", "target": "mục tiêu", "required": "lộ trình cần thiết"}


def row(locality: str, kind: str, day: str, value: float, line: str = "") -> dict:
    name = "Việt Nam" if locality == NATIONAL else locality.title()
    return {"locality": locality, "series": name, "panel": name, "kind": kind, "kind_label": KIND_LABELS[kind],
            "line": line or f"{locality}|{kind}", "date": day, "value": value}


def chart(rows: list[dict], highlight: list[str], many: bool, colours: dict[str, str]) -> Chart:
    series = list(dict.fromkeys(r["locality"] for r in rows))
    dataset = {"series": [[i, i, i] for i in series], "colours": [colours.get(i, "#999999") for i in series]}
    config = {"kind": "trajectory", "title": "Tỷ lệ bao phủ <BHYT>", "subtitle": ["Tỷ lệ phần trăm.", "Nguồn: A & B"],
              "highlight": highlight, "many": many}
    return Chart("c", config, dataset, config["title"], "", [], False, rows, [], "c.csv", "", many)


def parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)   # also proves the SVG is well-formed, escapes included


FEW = [row("ha-noi", "actual", "2022-12-31", 80.0), row("ha-noi", "actual", "2024-12-31", 90.0),
       row("ha-noi", "target", "2025-12-31", 95.0, "ha-noi|target|plan"),
       row("ha-noi", "required", "2024-12-31", 90.0, "ha-noi|required"),
       row("ha-noi", "required", "2025-12-31", 95.0, "ha-noi|required"),
       row(NATIONAL, "actual", "2023-12-31", 85.0), row(NATIONAL, "actual", "2024-12-31", 88.0)]


def test_a_still_draws_each_line_in_its_colour_and_style_and_each_figure_as_a_point():
    svg = parsed(stills.chart_still(chart(FEW, ["ha-noi", NATIONAL], False, {"ha-noi": "#009E73", NATIONAL: "#222222"}), TITLES, VI))
    drawn = [p for p in svg.iter(f"{SVG}path") if p.get("fill") == "none" and p.get("stroke") not in (None, "currentColor")]
    lines = {(p.get("stroke"), p.get("stroke-dasharray")) for p in drawn
             if p.get("stroke-width") == "2" and "h20" not in p.get("d") and stills.CIRCLE not in p.get("d")}
    # Hà Nội's actual figures solid, its plan's target dashed, its required path dotted; the national line solid.
    assert lines == {("#009E73", None), ("#009E73", "6 4"), ("#009E73", "2 3"), ("#222222", None)}
    points = {(p.get("stroke", p.get("fill")), p.get("fill") == "none", p.get("class")): p.get("d").count(stills.CIRCLE)
              for p in svg.iter(f"{SVG}path") if stills.CIRCLE in p.get("d")}
    # Hà Nội's 2 actual figures filled and its target hollow, the national 2 filled; the required path has none.
    assert points == {("#009E73", False, None): 2, ("#009E73", True, None): 1, ("#222222", False, "national"): 2}


def test_a_still_has_the_charts_titles_axes_and_legend():
    text = stills.chart_still(chart(FEW, ["ha-noi", NATIONAL], False, {"ha-noi": "#009E73"}), TITLES, VI)
    svg = parsed(text)
    # Screen readers get the interactive chart's text alternative, or the table under the still.
    assert svg.get("aria-hidden") == "true"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts[0] == "Tỷ lệ bao phủ <BHYT>" and "Tỷ lệ phần trăm. Nguồn: A & B" in texts
    assert {"2022", "2023", "2024", "2025", "Cuối năm", "%"} <= set(texts)
    # The legend: the localities (the national benchmark last), then the line styles in their order.
    assert texts[-7:] == ["Địa phương", "Ha-Noi", "Việt Nam", "Số liệu", "thực hiện", "lộ trình cần thiết", "mục tiêu"]
    assert "<BHYT>" not in text   # escaped


def test_with_many_localities_the_others_are_grey_and_the_highlighted_are_named_at_their_ends():
    others = [f"l{n:02d}" for n in range(12)]
    rows = [row(i, "actual", f"{year}-12-31", 50.0 + n + year - 2020) for n, i in enumerate(others) for year in (2020, 2024)]
    rows += [row(NATIONAL, "actual", "2020-12-31", 60.0), row(NATIONAL, "actual", "2024-12-31", 64.0),
             row("l11", "target", "2025-12-31", 70.0, "l11|target|plan")]
    svg = parsed(stills.chart_still(chart(rows, ["l00", "l11", NATIONAL], True, {}), TITLES, VI))
    paths = [p for p in svg.iter(f"{SVG}path") if p.get("opacity") == "0.6"]
    assert len(paths) == 10 and {p.get("stroke") for p in paths} == {chart_kinds.MUTED}   # l01 to l10, grey
    bright = {p.get("stroke") for p in svg.iter(f"{SVG}path")
              if p.get("stroke-width") == "2" and "h20" not in p.get("d") and stills.CIRCLE not in p.get("d")}
    assert bright == {"#0072B2", "#D55E00", "#222222"}   # the palette in the highlight's order; national near-black
    labels = {t.text: t.get("fill") for t in svg.iter(f"{SVG}text") if t.get("font-size") == "11" and t.get("fill")}
    assert labels == {"L00": "#0072B2", "L11": "#D55E00", "Việt Nam": "#222222"}
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Địa phương" not in texts and "Số liệu" in texts   # no colour legend, the line styles' only


def test_the_still_uses_the_same_grey_as_the_chart_kinds():
    assert stills.MUTED == chart_kinds.MUTED


@pytest.mark.parametrize("low, high, count, step", [(55.3, 99.6, 10, 5), (55, 100, 8, 5), (20, 60, 8, 5),
                                                      (0.2, 0.9, 10, 0.05), (10, 11, 8, 0.1), (0, 100, 8, 10)])
def test_tick_steps_are_d3s(low, high, count, step):
    """d3's tickIncrement, by hand: (high - low) / count rounded to 1, 2 or 5 × 10^k at the
    thresholds √50, √10 and √2 (e.g. 44.3 / 10 = 4.43 ≥ √10 → 5)."""
    assert stills.tick_step(low, high, count) == pytest.approx(step)


def test_the_value_scale_is_niced_like_vegas_and_ticks_about_every_40_px():
    box = Box(48, 50, 700, 370)
    y_of, ticks, domain = stills.value_scale([55.3, 99.6], box)
    assert domain == (55, 100) and ticks == [55, 60, 65, 70, 75, 80, 85, 90, 95, 100]
    assert (y_of(55), y_of(100)) == (370, 50)


def test_end_labels_take_the_newest_actual_and_move_apart_in_order():
    rows = [row("a", "actual", "2023-12-31", 80), row("a", "target", "2025-12-31", 90), row("a", "actual", "2024-12-31", 81),
            row("b", "target", "2025-12-31", 70), row("c", "actual", "2024-12-31", 60)]
    ends = stills.end_points(rows, {"a", "b"})
    assert {k: (r["kind"], r["date"]) for k, r in ends.items()} == {"a": ("actual", "2024-12-31"), "b": ("target", "2025-12-31")}
    # 13 px apart on a 320 px plot of 0..320: labels at 100 and 95 become 100 and 87; one at 1 rises to 6.5.
    assert stills.spread([(100, "x"), (95, "y"), (1, "z")], (0, 320)) == {"x": 100, "y": 87, "z": 6.5}


def test_the_value_axis_reads_in_the_pages_language():
    """A Vietnamese reader reads "2.5" as two thousand five hundred: ticks use the page's format."""
    rows = [row("ha-noi", "actual", "2023-12-31", 2.6), row("ha-noi", "actual", "2024-12-31", 4.9)]
    drawn = chart(rows, ["ha-noi"], False, {"ha-noi": "#009E73"})
    labels = lambda svg: [t.text for t in parsed(svg).iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    # 2.6 to 4.9: niced by steps of 0.2 (2.3 / 10 = 0.23 → 0.2) to 2.6–5, ticked every 0.2 (2.4 / 8 = 0.3 → 0.2).
    assert labels(stills.chart_still(drawn, TITLES, VI)) == [
        "2,6", "2,8", "3", "3,2", "3,4", "3,6", "3,8", "4", "4,2", "4,4", "4,6", "4,8", "5"]
    assert labels(stills.chart_still(drawn, TITLES, language("en").number))[:3] == ["2.6", "2.8", "3"]
