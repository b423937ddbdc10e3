"""Property-based tests: whatever bytes a curator's file holds, reading and checking either
succeed or report documented issues — never an unhandled exception."""

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.checking import check_data
from sitegen.errors import Issue
from tests.helpers import FIXTURES

CODES = {"missing-file", "unreadable-file", "encoding-error", "empty-file", "csv-syntax", "extra-column",
         "missing-column", "column-order", "duplicate-column", "row-length", "type-error", "required", "enum",
         "pattern", "duplicate-key", "unknown-reference", "out-of-range", "negative-count", "not-integer",
         "bad-period", "invalid-json", "missing-resource"}
HEADER = "locality,subdivision,indicator,period,kind,value,unit,qualifier,source,quote,note\n"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

cells = st.one_of(
    st.sampled_from(["", "vn", "da-nang", "bhxh", "2025", "2023-11", "2023-13", "target", "actual", "percent",
                     "persons", "about", "at_least", "nq28", "29.72", "29,72", "17.404", "1.868.404", "-5", "1e3",
                     "NaN", "inf", "Đà Nẵng", "\u0110a\u0300 Na\u0306\u0303ng", '"', '""', "a,b", "\r", "\n"]),
    st.text(max_size=12),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=13), max_size=6)


def write_and_check(tmp_path, name: str, content: bytes):
    data = tmp_path / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(FIXTURES / "mini" / "data", data)
    (data / name).write_bytes(content)
    checked = check_data(data)
    for issue in checked.errors + checked.warnings:
        assert isinstance(issue, Issue) and issue.code in CODES | {"subdivision-sum", "part-sum",
                                                                 "denominator-mismatch", "source-disagreement"}
        assert issue.format()  # every issue can be printed
    return checked


@SETTINGS
@given(content=st.binary(max_size=400))
def test_any_bytes_as_observations(tmp_path, content):
    write_and_check(tmp_path, "observations.csv", content)


@SETTINGS
@given(content=st.binary(max_size=300))
def test_any_bytes_as_localities(tmp_path, content):
    write_and_check(tmp_path, "localities.csv", content)


@SETTINGS
@given(table=rows)
def test_plausible_rows_under_the_real_header(tmp_path, table):
    body = "".join(",".join(row) + "\n" for row in table)
    checked = write_and_check(tmp_path, "observations.csv", (HEADER + body).encode("utf-8"))
    if not checked.errors:
        assert checked.dataset is not None


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_as_datapackage(tmp_path, text):
    write_and_check(tmp_path, "datapackage.json", text.encode("utf-8"))
