"""Chart specs: valid Vega-Lite, one style, data and labels in place, safe inside <script>."""

import json

from sitegen.charts import DASHES, ChartSeries, base_spec, chart_spec, script_json

TITLES = {"x": "Năm", "y": "% dân số", "series": "Địa phương", "kind": "Loại", "period": "Kỳ",
          "value": "Giá trị", "source": "Nguồn"}
ROWS = [
    {"series": "Đà Nẵng", "panel": "Đà Nẵng", "kind": "target", "kind_label": "mục tiêu", "line": "a|t",
     "date": "2025-12-31", "value": 50.0, "value_label": "ít nhất 50%", "period_label": "2025", "source_label": "64/KH"},
    {"series": "Đà Nẵng", "panel": "Đà Nẵng", "kind": "actual", "kind_label": "thực tế", "line": "a|a",
     "date": "2022-07-31", "value": 43.22, "value_label": "43,22%", "period_label": "31/07/2022", "source_label": "Báo"},
]
SERIES = [ChartSeries("da-nang", "Đà Nẵng", "#0072B2")]


def test_base_specs_are_valid_vega_lite():
    for kind in ("trajectory", "small_multiples"):
        spec = json.loads(base_spec(kind, validate=True))  # Altair raises on an invalid spec
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert "@@x@@" in json.dumps(spec)  # the title placeholders chart_spec() fills in


def test_chart_spec_carries_rows_titles_colours_and_dashes():
    spec = chart_spec("trajectory", ROWS, SERIES, TITLES, "Tỷ lệ BHXH", ["Nguồn: 64/KH"])
    assert spec["datasets"]["figures"] == ROWS
    assert spec["title"]["text"] == "Tỷ lệ BHXH"
    line = spec["layer"][0]["encoding"]
    assert line["color"]["scale"] == {"domain": ["Đà Nẵng"], "range": ["#0072B2"]}
    assert line["strokeDash"]["scale"] == {"domain": ["thực tế", "mục tiêu"],
                                           "range": [DASHES["actual"], DASHES["target"]]}
    assert [t["title"] for t in line["tooltip"]] == ["Địa phương", "Loại", "Kỳ", "Giá trị", "Nguồn"]
    assert line["x"]["axis"]["values"][0] == {"year": 2021, "month": 12, "date": 31}
    filled = [layer["mark"].get("filled") for layer in spec["layer"][1:]]
    assert filled == [True, False]  # actuals solid points, targets hollow


def test_script_json_cannot_close_the_script_element():
    text = script_json({"quote": "</script><script>alert(1)</script>"})
    assert "</" not in text and "<script" not in text
    assert json.loads(text) == {"quote": "</script><script>alert(1)</script>"}
