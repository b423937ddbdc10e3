"""Reading CSVs: encodings, line ends, headers, CSV syntax and cell types."""

import unicodedata

from sitegen.data import load_dataset, parse_number
from tests.helpers import replace_line


def codes(issues):
    return [(i.path, i.line, i.column, i.code) for i in issues]


def test_mini_data_reads_without_issues(mini):
    dataset, issues = load_dataset(mini / "data")
    assert issues == []
    assert len(dataset.observations) == 39
    assert dataset.observations.loc[0, "value"] == 35.0
    assert dataset.observations.loc[0, "_line"] == 2


def test_bom_and_crlf_files_are_accepted(mini):
    path = mini / "data" / "localities.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    dataset, issues = load_dataset(mini / "data")
    assert issues == []
    assert list(dataset.localities["id"]) == ["vn", "da-nang", "tra-vinh-province", "tra-vinh"]
    assert dataset.localities.loc[1, "name_vi"] == "Đà Nẵng"


def test_nfd_text_comes_out_nfc(mini):
    path = mini / "data" / "localities.csv"
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    dataset, issues = load_dataset(mini / "data")
    assert issues == []
    name = dataset.localities.loc[1, "name_vi"]
    assert name == "Đà Nẵng" and unicodedata.is_normalized("NFC", name)


def test_windows_1258_file_is_an_encoding_error_with_its_line(mini):
    path = mini / "data" / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1258", errors="replace"))
    _, issues = load_dataset(mini / "data")
    assert codes(issues) == [("data/sources.csv", 2, None, "encoding-error")]
    assert issues[0].hint == "save it again as UTF-8, in Excel as 'CSV UTF-8'; Latin-1 and Windows-1258 are not read"


def test_empty_file(mini):
    (mini / "data" / "indicators.csv").write_text("", encoding="utf-8")
    _, issues = load_dataset(mini / "data")
    assert codes(issues) == [("data/indicators.csv", None, None, "empty-file")]


def test_renamed_column_is_reported_as_unknown_and_missing(mini):
    replace_line(mini / "data" / "observations.csv", "kind,value,unit", "kind,valeur,unit")
    _, issues = load_dataset(mini / "data")
    assert [i.format() for i in issues] == [
        "data/observations.csv:1: column 'valeur': unknown column (did you mean 'value'?) [extra-column]",
        "data/observations.csv:1: column 'value': column is missing (the header must be: "
        "locality,subdivision,indicator,period,kind,value,unit,qualifier,source,quote,note_vi,note_en) [missing-column]",
    ]


def test_truncated_row_and_unbalanced_quote(mini):
    path = mini / "data" / "observations.csv"
    replace_line(path, "vn,,bhxh,2025,target,45,percent,about,nq28,khoảng 45%,", "vn,,bhxh,2025,target,45")
    _, issues = load_dataset(mini / "data")
    assert codes(issues) == [("data/observations.csv", 3, None, "row-length")]
    replace_line(path, 'dn-plan,"ít nhất 44,5%"', 'dn-plan,"ít nhất 44,5%')
    _, issues = load_dataset(mini / "data")
    assert codes(issues) == [("data/observations.csv", 5, None, "csv-syntax")]


def test_vietnamese_number_spellings_get_the_canonical_form_as_hint():
    assert parse_number("29.72") == (29.72, None)
    assert parse_number("29,72")[1] == ("expected a number, got '29,72'", "use 29.72: a dot for decimals")
    assert parse_number("1.868.404")[1][1] == "use 1868404: no thousands separator"
    assert parse_number("29,72%")[1][1] == "use 29.72 and put the unit in the 'unit' column"


def test_type_error_carries_file_line_and_column(mini):
    replace_line(mini / "data" / "observations.csv", "target,29.72,percent", 'target,"29,72",percent')
    _, issues = load_dataset(mini / "data")
    assert [i.format() for i in issues] == [
        "data/observations.csv:9: column 'value': expected a number, got '29,72' (use 29.72: a dot for decimals) [type-error]"]
