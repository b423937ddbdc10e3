"""Charts: the chart kinds (valid Vega-Lite, compiled to Vega), the compact data a page sends,
which localities a crowded chart highlights, and JSON that is safe inside <script>."""

import json
from importlib import metadata

import pytest

from sitegen.chart_kinds import build_base_spec
from sitegen.charts import (COLUMNS_SIGNAL, DATASET, MANY, TITLE_KEYS, RecentScriptJson, compile_kind, compiled_kinds,
                            encode_dataset, kinds_file_content, page_payload, script_json, titled_kind)
from sitegen.contexts import Chart

TITLES = {"x": "Năm", "y": "% dân số", "series": "Địa phương", "kind": "Loại", "period": "Kỳ",
          "value": "Giá trị", "source": "Nguồn"}
ROWS = [
    {"locality": "da-nang", "series": "Đà Nẵng", "panel": "Đà Nẵng", "kind": "target", "kind_label": "mục tiêu",
     "line": "da-nang|target|64", "date": "2025-12-31", "value": 50.0, "value_label": "ít nhất 50%",
     "period_label": "2025", "source_label": "64/KH"},
    {"locality": "da-nang", "series": "Đà Nẵng", "panel": "Đà Nẵng", "kind": "actual", "kind_label": "thực tế",
     "line": "da-nang|actual", "date": "2022-07-31", "value": 43.22, "value_label": "43,22%",
     "period_label": "31/07/2022", "source_label": "Báo"},
    {"locality": "vn", "series": "Việt Nam (chuẩn)", "panel": "Việt Nam", "kind": "actual", "kind_label": "thực tế",
     "line": "vn|actual", "date": "2022-12-31", "value": 38.0, "value_label": "38%",
     "period_label": "2022", "source_label": "Báo"},
]


def layers(spec: dict) -> list[dict]:
    return (spec["spec"] if "spec" in spec else spec)["layer"]


@pytest.mark.parametrize("kind", ["trajectory", "small_multiples"])
def test_chart_kinds_are_valid_vega_lite_with_title_placeholders(kind):
    spec = build_base_spec(kind, True, TITLE_KEYS, DATASET)   # Altair raises on an invalid spec
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert all(f'"@@{key}@@"' in json.dumps(spec) for key in TITLE_KEYS)


def test_highlighted_localities_are_coloured_with_points_and_tooltips_the_others_grey_lines():
    lines, actual_points, target_points, end_labels = layers(build_base_spec("trajectory", True, TITLE_KEYS, DATASET))
    colour = lines["encoding"]["color"]
    assert colour["condition"]["test"] == "datum.hl" and colour["condition"]["field"] == "series"
    assert colour["value"] == "#b8b8b8"
    assert "tooltip" not in lines["encoding"]       # grey context lines say nothing on hover
    for points, filled in ((actual_points, True), (target_points, False)):
        assert points["mark"]["filled"] is filled    # actuals solid, targets hollow
        assert {"filter": "datum.hl"} in points["transform"]
        assert [t["title"] for t in points["encoding"]["tooltip"]] == ["@@series@@", "@@kind@@", "@@period@@",
                                                                       "@@value@@", "@@source@@"]
    # The end labels: the locality's name, only on the point site.js marks as its line's end.
    assert {"filter": "datum.hl && datum.last"} in end_labels["transform"]
    assert end_labels["encoding"]["text"]["field"] == "panel"
    assert end_labels["encoding"]["y"]["field"] == "label_y"


def test_small_multiples_follow_the_legend_order_and_every_panel_shows_its_years():
    spec = build_base_spec("small_multiples", True, TITLE_KEYS, DATASET)
    assert spec["facet"]["sort"] == {"field": "order"}
    assert spec["resolve"]["axis"]["x"] == "independent"


def test_compiled_kinds_are_vega_with_the_data_and_scales_the_page_fills():
    for kind in ("trajectory", "small_multiples"):
        spec = compile_kind(kind)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega/")
        assert {"name": DATASET} in spec["data"]                      # no values: the page sends them
        assert {s["name"] for s in spec["scales"]} >= {"x", "y", "color", "strokeDash"}
        assert spec["title"]["text"] == "@@chart_title@@"
    multiples = compile_kind("small_multiples")
    rows = next(d for d in multiples["data"] if d["name"] == "facet_domain_row")
    assert COLUMNS_SIGNAL in rows["transform"][0]["stop"]["signal"]   # rows of panels follow the columns
    assert multiples["layout"]["columns"] == {"signal": COLUMNS_SIGNAL}
    assert {"name": COLUMNS_SIGNAL, "value": 3} in multiples["signals"]


def test_the_checked_in_kinds_are_a_fresh_compile_of_chart_kinds_py():
    committed = compiled_kinds()
    versions = {name: metadata.version(name) for name in ("altair", "vl-convert-python")}
    if versions != {name: committed[name] for name in versions}:
        pytest.skip(f"compiled with {committed['altair']=}, {committed['vl-convert-python']=}; installed {versions}")
    assert committed == kinds_file_content(), "run scripts/compile-chart-kinds and commit sitegen/chart_kinds.json"


def test_titles_are_filled_in_the_pages_language_axes_legends_and_tooltips():
    titles = dict(TITLES, source='Nguồn "gốc"')    # a quote must not break the tooltip's expression
    spec = titled_kind("trajectory", tuple(titles[key] for key in TITLE_KEYS))
    text = json.dumps(spec, ensure_ascii=False)
    assert "@@" not in text.replace("@@chart_title@@", "").replace("@@chart_subtitle@@", "")
    assert next(a for a in spec["axes"] if a["scale"] == "x" and "title" in a)["title"] == "Năm"
    tooltip = next(m for m in spec["marks"] if m["name"] == "layer_1_marks")["encode"]["update"]["tooltip"]["signal"]
    assert tooltip.startswith('{"Địa phương": ') and '"Nguồn \\"gốc\\"": ' in tooltip


def test_encoded_rows_read_back_as_the_rows():
    data = encode_dataset(ROWS)
    assert data["series"] == [["da-nang", "Đà Nẵng", "Đà Nẵng"], ["vn", "Việt Nam (chuẩn)", "Việt Nam"]]
    assert data["kinds"] == {"target": "mục tiêu", "actual": "thực tế"}
    assert data["strings"].count("Báo") == 1          # each label once
    decoded = [{"locality": data["series"][s][0], "series": data["series"][s][1], "panel": data["series"][s][2],
                "kind": kind, "kind_label": data["kinds"][kind], "line": data["strings"][line], "date": date,
                "value": value, "value_label": label, "period_label": data["strings"][period],
                "source_label": data["strings"][source]}
               for s, kind, date, value, label, period, source, line in data["rows"]]
    assert decoded == ROWS


def chart(chart_id: str, kind: str, dataset: str) -> Chart:
    config = {"kind": kind, "dataset": dataset, "title": chart_id, "subtitle": [],
              "highlight": ["vn"], "many": False}
    return Chart(chart_id, config, encode_dataset(ROWS), chart_id, "", [], False, ROWS, ROWS, "x.csv", "", False)


def test_a_page_sends_each_dataset_and_kind_once():
    payload = page_payload([chart("a", "trajectory", "bhxh-1"), chart("b", "small_multiples", "bhxh-1"),
                            chart("c", "trajectory", "bhyt-2")], TITLES, "vn")
    assert sorted(payload["datasets"]) == ["bhxh-1", "bhyt-2"]
    assert sorted(payload["kinds"]) == ["small_multiples", "trajectory"]
    assert payload["charts"]["b"]["dataset"] == "bhxh-1"
    assert payload["national"] == "vn" and payload["many"] == MANY


def test_script_json_cannot_close_the_script_element():
    text = script_json({"quote": "</script><script>alert(1)</script><!--"})
    assert "</" not in text and "<script" not in text and "<!--" not in text
    assert json.loads(text) == {"quote": "</script><script>alert(1)</script><!--"}


def test_recent_script_json_writes_what_script_json_writes():
    kind = titled_kind("trajectory", tuple(TITLE_KEYS))
    dataset = {"rows": [[0, "actual", "2020-12-31", 29.5, "29,5% & <b>", 0, 1, 2]],
               "series": [["vn", "Việt Nam", "VN"]]}
    payloads = [{"kinds": {"trajectory": kind}, "datasets": {"d": dataset}, "charts": {"c": {"dataset": "d"}},
                 "palette": ["#000"], "many": 8, "nan": float("nan")},
                {"datasets": {"d": dataset}, "kinds": {"trajectory": kind}, "b": [1, {"z": 1, "a": None}]},
                {1: "not a string key"}, ["a", "</script>"], "text", {"a": {"b": {"c": "</"}, "d": ("e", 1.5)}}]
    encoder = RecentScriptJson(kept=2)
    for _ in range(2):   # again, from the kept texts
        for payload in payloads:
            assert encoder(payload) == script_json(payload)
    assert len(encoder.recent) == 2
