"""Schema, reference and range rules, each on the mini data with one thing broken."""

import json

import pytest

from sitegen.data import load_dataset
from sitegen.validate import validate
from tests.helpers import append_line, replace_line

OBS = "data/observations.csv"


def issues_after(mini, old, new, file="observations.csv"):
    replace_line(mini / "data" / file, old, new)
    dataset, read_issues = load_dataset(mini / "data")
    assert read_issues == []
    return [i.format() for i in validate(dataset)]


def test_mini_data_is_valid(mini):
    dataset, _ = load_dataset(mini / "data")
    assert validate(dataset) == []


@pytest.mark.parametrize("old,new,expected", [
    ("vn,,bhxh,2021,target,35,percent", "vn,,bhxh,2021,target,135,percent",
     f"{OBS}:2: column 'value': a percentage must be between 0 and 100, got 135 "
     "(percent values are written 29.72, not 0.2972 or 2972) [out-of-range]"),
    ("target,17404,persons", "target,-17404,persons",
     f"{OBS}:10: column 'value': a count of persons cannot be negative, got -17404 [negative-count]"),
    ("target,17404,persons", "target,17.404,persons",
     f"{OBS}:10: column 'value': a count of persons must be a whole number, got 17.404 "
     "(a dot marks thousands in Vietnamese; write 17404) [not-integer]"),
    ("da-nang,,bhxh,2022-07-31,actual", "da-nang,,bhxh,2022-02-30,actual",
     f"{OBS}:7: column 'period': not a real period: '2022-02-30' is not a real date "
     "(use YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM or YYYY-MM-DD) [bad-period]"),
    ("da-nang,,bhxh,2022-07-31,actual", "da-nang,,bhxh,31/7/2022,actual",
     f"{OBS}:7: column 'period': '31/7/2022' is not well-formed "
     "(YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM or YYYY-MM-DD) [pattern]"),
    ("vn,,bhxh,2021,target,35,percent,about", "vn,,bhxh,2021,target,35,percent,aboot",
     f"{OBS}:2: column 'qualifier': expected one of at_least, about, over, at_most, under, exact, "
     "got 'aboot' (did you mean 'about'?) [enum]"),
    ("vn,,bhxh,2021,target,35,percent,about,nq28,khoảng 35%,", "vn,,bhxh,2021,target,35,percent,about,nq28,,",
     f"{OBS}:2: column 'quote': a value is required (Verbatim passage of the source containing the figure) [required]"),
    ("da-nang,,bhyt,2025", "danang,,bhyt,2025",
     f"{OBS}:8: column 'locality': 'danang' is not an id in data/localities.csv (did you mean 'da-nang'?) [unknown-reference]"),
    ("da-nang,,bhyt,2025,target,99,percent,exact,dn-plan", "da-nang,,bhyt,2025,target,99,percent,exact,dn-plan-x",
     f"{OBS}:8: column 'source': 'dn-plan-x' is not an id in data/sources.csv (did you mean 'dn-plan'?) [unknown-reference]"),
])
def test_observation_rule(mini, old, new, expected):
    assert issues_after(mini, old, new) == [expected]


def test_duplicate_figure_names_the_first_line(mini):
    append_line(mini / "data" / "observations.csv", "vn,,bhxh,2021,target,36,percent,about,nq28,khoảng 36%,,")
    dataset, _ = load_dataset(mini / "data")
    assert [i.format() for i in validate(dataset)] == [
        f"{OBS}:41: duplicate row: same locality, subdivision, indicator, period, kind, unit, source as line 2 "
        "(remove one of the two rows, or correct the one that is wrong) [duplicate-key]"]


def test_hostile_ids_and_urls_are_rejected(mini):
    issues = issues_after(mini, "news,,news,Báo Mẫu,Bao Mau,,2022-08-15,Tin mẫu,Sample news item,https://example.org/news",
                          "news,,news,Báo Mẫu,Bao Mau,,2022-08-15,Tin mẫu,Sample news item,javascript:alert(1)", "sources.csv")
    assert issues == ["data/sources.csv:5: column 'url': 'javascript:alert(1)' is not well-formed "
                      "(an http:// or https:// address of the page where the quoted text was read) [pattern]"]
    replace_line(mini / "data" / "localities.csv", "vn,Việt Nam", "../../x,Việt Nam")
    dataset, _ = load_dataset(mini / "data")
    assert "data/localities.csv:2: column 'id': '../../x' is not well-formed" in validate(dataset)[0].format()


def test_every_issue_is_reported_not_just_the_first(mini):
    path = mini / "data" / "observations.csv"
    replace_line(path, "vn,,bhxh,2021,target,35,percent", "vn,,bhxh,2021,target,135,percent")
    replace_line(path, "target,17404,persons", "target,-17404,persons")
    replace_line(path, "da-nang,,bhyt,2025", "danang,,bhyt,2025")
    dataset, _ = load_dataset(mini / "data")
    assert [(i.line, i.code) for i in validate(dataset)] == [
        (2, "out-of-range"), (8, "unknown-reference"), (10, "negative-count")]


def test_a_descriptor_may_add_constraints_to_the_columns_the_code_does_not_own(mini):
    """datapackage.json cannot loosen the code's rules, but it may add its own: here a pattern on
    a document's title (matched under a time limit)."""
    path = mini / "data" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    sources = next(r for r in package["resources"] if r["name"] == "sources")["schema"]["fields"]
    next(f for f in sources if f["name"] == "title")["constraints"] = {"pattern": "[A-ZĐ].*"}
    path.write_text(json.dumps(package), encoding="utf-8")
    assert issues_after(mini, "Tin mẫu thứ hai", "tin mẫu thứ hai", "sources.csv") == [
        "data/sources.csv:6: column 'title': 'tin mẫu thứ hai' is not well-formed (it must match [A-ZĐ].*) [pattern]"]
