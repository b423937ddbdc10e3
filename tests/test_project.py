"""The project file sitegen.toml: what it sets on the site, and its errors (file, line, hint)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from sitegen.cli import main
from sitegen.config import SITE_TITLE
from sitegen.project import read_project

PROJECT = """\
title.vi = "Bao phủ thử nghiệm"
title.en = "Coverage under test"
base_url = "https://example.org/test/"
publisher = "Nhóm dữ liệu thử"

[description]
vi = "Mô tả thử nghiệm"
en = "A test description"

[data_licence]
title = "ODbL 1.0"
path = "https://opendatacommons.org/licenses/odbl/1-0/"
"""


def run(*args):
    return CliRunner().invoke(main, list(args))


def titles(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): re.search(r"<title>(.*?)</title>", p.read_text(encoding="utf-8")).group(1)
            for p in sorted(output.rglob("*.html"))}


def test_the_title_of_the_project_file_is_every_pages_title(mini):
    assert run("build").exit_code == 0
    before = titles(mini / "output")
    assert before["index.html"] == SITE_TITLE["vi"] and before["en/index.html"] == SITE_TITLE["en"]
    (mini / "sitegen.toml").write_text(PROJECT, encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    after = titles(mini / "output")
    assert set(after) == set(before) and len(after) > 20
    for path, title in after.items():
        expected = "Coverage under test" if path.startswith("en/") else "Bao phủ thử nghiệm"
        assert title == expected or title.endswith(" · " + expected), (path, title)
        assert title == before[path].replace(SITE_TITLE["en" if path.startswith("en/") else "vi"], expected)
    home = (mini / "output" / "index.html").read_text(encoding="utf-8")
    assert '<a class="brand" href="index.html">Bao phủ thử nghiệm</a>' in home
    assert '<meta name="description" content="Mô tả thử nghiệm">' in home
    assert "Xuất bản bởi Nhóm dữ liệu thử." in home
    assert '<a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license">ODbL 1.0</a>' in home
    # base_url from the file: the sitemap is written and canonical links are absolute
    assert (mini / "output" / "sitemap.xml").is_file()
    assert '<link rel="canonical" href="https://example.org/test/en/index.html">' in \
        (mini / "output" / "en" / "index.html").read_text(encoding="utf-8")


def test_the_command_line_overrides_the_project_file(mini):
    (mini / "sitegen.toml").write_text(PROJECT, encoding="utf-8")
    assert run("build", "--base-url", "https://other.example/x/").exit_code == 0
    assert '<link rel="canonical" href="https://other.example/x/index.html">' in \
        (mini / "output" / "index.html").read_text(encoding="utf-8")


def test_a_site_in_one_language(mini):
    (mini / "sitegen.toml").write_text('languages = ["vi"]\n', encoding="utf-8")
    assert run("build").exit_code == 0
    assert not (mini / "output" / "en").exists()
    home = (mini / "output" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' not in home and '<link rel="alternate" hreflang="vi" href="index.html">' in home


def test_an_unknown_key_names_the_file_line_and_the_close_match(mini):
    (mini / "sitegen.toml").write_text('publisher = "X"\n\n[titel]\nvi = "a"\n\n[description]\nvi = "b"\nen = "c"\n'
                                       'fr = "d"\n', encoding="utf-8")
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr == (
        "sitegen.toml:3: unknown key 'titel' (did you mean 'title'?) [project-unknown-key]\n"
        "sitegen.toml:9: unknown key 'description.fr' (the keys here are vi, en) [project-unknown-key]\n"
        "2 errors found; nothing was built or changed.\n")
    assert not (mini / "output").exists()


def test_wrong_types_and_values(mini):
    (mini / "sitegen.toml").write_text('base_url = "example.org"\nlanguages = ["vi", "fr"]\npublisher = 3\n'
                                       '[title]\nvi = "Tiêu đề"\n', encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "sitegen.toml:1: base_url 'example.org' is not an http(s) URL "
        "(e.g. base_url = \"https://example.github.io/sitegen/\") [project-file]\n"
        "sitegen.toml:2: language 'fr' is not supported (sitegen is translated into 'vi', 'en': write "
        "languages = [\"vi\", \"en\"] or [\"vi\"]) [project-file]\n"
        "sitegen.toml:3: 'publisher' must be a text in quotes, got 3 (e.g. publisher = \"Nhóm dữ liệu\") "
        "[project-file]\n"
        "sitegen.toml:4: 'title' has no text for en (add `en = \"…\"` under [title]) [project-file]\n"
        "4 errors found; nothing was built or changed.\n")


def test_invalid_toml_is_one_line_with_its_line_number(mini):
    (mini / "sitegen.toml").write_text('title.vi = "a"\npublisher = \n', encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "sitegen.toml:2: not valid TOML: Invalid value (write `key = \"value\"` lines and [section] headers; "
        "quote every text) [project-file]")


def test_a_missing_config_file_given_explicitly_is_an_error(mini):
    result = run("check", "--config", "nowhere.toml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("nowhere.toml: file not found (create it with `sitegen init`, or "
                                             "leave out --config) [project-file]")


def test_accepted_warnings_are_read_with_their_lines(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[[accepted_warnings]]\ncode = "part-sum"\nlocality = "tra-vinh"\nindicator = "bhxh"\n'
                    'period = "2023"\nreason = "The plan prints these figures."\n\n'
                    '[[accepted_warnings]]\ncode = "part-summ"\nlocality = "x"\nindicator = "y"\nperiod = "2020"\n'
                    'reson = "typo"\n', encoding="utf-8")
    project, issues = read_project(path)
    shown = str(path)
    assert [i.format() for i in issues] == [
        f"{shown}:13: unknown key 'accepted_warnings[2].reson' (did you mean 'reason'?) [project-unknown-key]",
        f"{shown}:8: an accepted warning lacks 'reason' (every entry needs code, locality, indicator, period, "
        "reason) [project-file]",
        f"{shown}:9: 'part-summ' is not a warning code (did you mean 'part-sum'?) [project-file]"]
    path.write_text(path.read_text(encoding="utf-8").replace("part-summ", "part-sum").replace("reson", "reason"),
                    encoding="utf-8")
    project, issues = read_project(path)
    assert issues == []
    assert [(w.code, w.locality, w.period, w.line) for w in project.accepted_warnings] == [
        ("part-sum", "tra-vinh", "2023", 1), ("part-sum", "x", "2020", 8)]
