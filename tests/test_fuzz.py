"""Property-based tests: whatever bytes a curator's file holds, reading and checking either
succeed or report documented issues — never an unhandled exception."""

import re
import shutil
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.checking import check_data
from sitegen.consistency import CHECK_KINDS
from sitegen.data import parse_number
from sitegen.errors import Issue
from sitegen.periods import PERIOD_PATTERN, parse_period
from sitegen.published import canonical
from tests.helpers import FIXTURES

CODES = {"missing-file", "unreadable-file", "encoding-error", "empty-file", "csv-syntax", "extra-column",
         "missing-column", "column-order", "duplicate-column", "row-length", "type-error", "required", "enum",
         "pattern", "duplicate-key", "unknown-reference", "out-of-range", "negative-count", "not-integer",
         "bad-period", "invalid-json", "missing-resource", "bad-descriptor", "control-character", "no-rows",
         "cell-too-long", "too-many-rows", "too-long", "duplicate-name", "cycle", "slow-pattern", "formula-cell",
         "outside-folder", "not-a-file", "file-too-large", "missing-translation"}
HEADER = "locality,subdivision,indicator,period,kind,value,unit,qualifier,source,quote,note_vi,note_en\n"
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
        assert isinstance(issue, Issue) and issue.code in CODES | set(CHECK_KINDS)
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


# ---------------------------------------------------------------- numbers and periods
# Only ASCII digits are digits (Python's int(), float() and \d also take these), whole numbers are
# exact up to 30 digits, decimals up to 15 significant digits.
OTHER_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९০১২৩৪৫৬৭৮৯０１２３４５６７８９𝟎𝟏𝟐𝟑"
number_like = st.text(alphabet="0123456789" + OTHER_DIGITS + ".,-+eE% ", min_size=1, max_size=40)
ascii_whole = st.from_regex(r"-?[0-9]{1,30}", fullmatch=True)
ascii_decimal = st.from_regex(r"-?[0-9]{1,8}\.[0-9]{1,7}", fullmatch=True)   # at most 15 digits


@SETTINGS
@given(cell=number_like)
def test_a_number_is_ascii_digits_or_an_error(cell):
    value, problem = parse_number(cell)
    canonical = re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell)
    if not canonical:
        assert value is None and problem[0] == f"expected a number, got '{cell}'"
    elif problem is None:
        assert isinstance(value, int) == ("." not in cell)
    if any(c in OTHER_DIGITS for c in cell):
        assert value is None


@SETTINGS
@given(cell=ascii_whole)
def test_a_whole_number_is_exact_and_published_as_written(cell):
    value, problem = parse_number(cell)
    assert problem is None and value == int(cell) and isinstance(value, int)
    assert canonical(value) == str(int(cell))   # "007" is published 7, "-0" 0, every digit kept


@SETTINGS
@given(cell=ascii_decimal)
def test_a_decimal_of_at_most_15_digits_is_published_as_written(cell):
    value, problem = parse_number(cell)
    assert problem is None
    assert Decimal(canonical(value)) == Decimal(cell)   # the same number, trailing zeros aside


@SETTINGS
@given(digits=st.integers(min_value=31, max_value=5000))
def test_a_whole_number_over_30_digits_is_an_error_not_a_crash(digits):
    value, problem = parse_number("9" * digits)
    assert value is None and problem[0].startswith(f"expected a number of at most 30 digits, got {digits:,} digits")


periods = st.one_of(
    st.from_regex(r"[0-9]{4}(-Q[0-9]|-H[0-9]|-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True),
    st.text(alphabet="0123456789" + OTHER_DIGITS + "-QH", min_size=1, max_size=10))


@SETTINGS
@given(text=periods)
def test_a_period_is_ascii_and_a_real_date_or_an_error(text):
    try:
        period = parse_period(text)
    except ValueError:
        return
    assert text.isascii() and re.fullmatch(PERIOD_PATTERN, text)
    assert period.end.year == int(text[:4])
    if period.day:
        assert period.end == date.fromisoformat(text)   # a day is a real calendar date


@SETTINGS
@given(value=st.one_of(number_like, ascii_whole, ascii_decimal))
def test_any_value_in_the_data_is_checked_without_crashing(tmp_path, value):
    row = f"tra-vinh,,bhxh,2024,target,\"{value}\",persons,exact,tv-plan,q,,\n"
    mini = (FIXTURES / "mini" / "data" / "observations.csv").read_text(encoding="utf-8")
    checked = write_and_check(tmp_path, "observations.csv", (mini + row).encode("utf-8"))
    if any(c in OTHER_DIGITS for c in value):
        assert [(i.line, i.column) for i in checked.errors] == [(mini.count("\n") + 1, "value")]
    if not checked.errors:
        published = checked.dataset.observations.iloc[-1]["value"]
        assert canonical(published) == str(int(value))   # a count is published with every digit
