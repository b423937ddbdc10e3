"""Published CSVs never carry a cell a spreadsheet would run as a formula (CSV injection);
numbers stay numbers; `sitegen check` names every such cell of the inputs."""

import csv

from click.testing import CliRunner

from sitegen.cli import main
from sitegen.published import canonical
from tests.helpers import replace_line


def test_text_that_starts_like_a_formula_gets_a_quote_and_numbers_do_not():
    assert canonical("=HYPERLINK(\"https://evil.example/\")") == "'=HYPERLINK(\"https://evil.example/\")"
    assert [canonical(t) for t in ("+1", "-1.5", "@SUM(A1)", "\tx", "\rx", " =x")] == \
        ["'+1", "'-1.5", "'@SUM(A1)", "'\tx", "'\rx", "' =x"]
    assert [canonical(v) for v in (-1.5, -3, 0.0, 17404)] == ["-1.5", "-3", "0", "17404"]
    assert [canonical(t) for t in ("Đà Nẵng", "a-b", "x=1", "", None)] == ["Đà Nẵng", "a-b", "x=1", "", ""]


def test_check_warns_with_file_line_and_column_and_strict_fails(mini):
    replace_line(mini / "data" / "sources.csv", "Tin mẫu thứ hai", "=cmd|' /C calc'!A0")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "data/sources.csv:6: column 'title': warning: starts with '=', which a spreadsheet would run as a formula "
        "(the published CSV writes it with a ' in front so that it reads as text; remove the sign if it is not "
        "meant) [formula-cell]")
    strict = CliRunner().invoke(main, ["check", "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == "6 warnings and --strict given; nothing was built or changed."


def test_only_the_text_columns_of_a_published_input_change(mini):
    replace_line(mini / "data" / "sources.csv", "Tin mẫu thứ hai", "-Tin mẫu thứ hai")
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    published = (mini / "output" / "data" / "sources.csv").read_text(encoding="utf-8")
    original = (mini / "data" / "sources.csv").read_text(encoding="utf-8")
    assert published == original.replace(",-Tin mẫu thứ hai,", ",'-Tin mẫu thứ hai,")
    rows = list(csv.reader(published.splitlines()))
    assert rows[5][7] == "'-Tin mẫu thứ hai"
