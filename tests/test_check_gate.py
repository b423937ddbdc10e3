"""The pull-request gate: `check --strict` against the accepted warnings of sitegen.toml, GitHub
annotations, and `check` reading content/ as the build does."""

from __future__ import annotations

import re
import shutil

from click.testing import CliRunner

from sitegen.cli import main
from sitegen.errors import Issue
from tests.helpers import REPO, append_line, replace_line

# Four of the mini fixture's five warnings (see test_cli_check.py), accepted with a reason.
ACCEPTED = """\
[[accepted_warnings]]
code = "target-disagreement"
locality = "da-nang"
indicator = "bhyt"
period = "2025"
reason = "The national assignment and the city's plan differ; both are kept."

[[accepted_warnings]]
code = "part-sum"
locality = "tra-vinh"
indicator = "bhxh"
period = "2023"
reason = "As printed in 49/KH-BCĐ."

[[accepted_warnings]]
code = "denominator-mismatch"
locality = "tra-vinh"
indicator = "bhxh_mandatory"
period = "2023"
reason = "As printed in 49/KH-BCĐ."

[[accepted_warnings]]
code = "subdivision-sum"
locality = "tra-vinh"
indicator = "bhxh_mandatory"
period = "2023"
reason = "As printed in 49/KH-BCĐ."
"""
NATIONAL_2021 = """
[[accepted_warnings]]
code = "target-disagreement"
locality = "vn"
indicator = "bhxh"
period = "2021"
reason = "Two national documents."
"""


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_the_bundled_data_passes_the_strict_gate(monkeypatch):
    monkeypatch.chdir(REPO)
    result = run("check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert re.fullmatch(r"data: \d+ figures OK, (\d+) consistency warning\(s\), \1 of them accepted in "
                        r"sitegen.toml.\n", result.stdout), result.stdout


def test_a_new_warning_in_the_bundled_data_fails_the_gate(tmp_path, monkeypatch):
    for name in ("data", "content"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "sitegen.toml", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run("check", "--strict").exit_code == 0
    append_line(tmp_path / "data" / "observations.csv",
                "da-nang,,bhxh,2025,target,52,percent,at_least,qd-546-qd-ttg-2022,ít nhất 52%,,")
    result = run("check", "--strict", "--format", "github")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == "1 warning and --strict given; nothing was built or changed."
    assert lines[0].startswith("::warning file=data/observations.csv,line=")
    assert lines[0].endswith(",title=[target-disagreement]::Da Nang, social insurance coverage, 2025: 64/KH-UBND, "
                             "12 April 2021 sets a target of 50%25, 546/QĐ-TTg, 29 April 2022 one of 52%25 (both "
                             "are kept; the methodology says which one counts).")


def test_strict_fails_only_on_warnings_nobody_accepted(mini):
    (mini / "sitegen.toml").write_text(ACCEPTED, encoding="utf-8")
    result = run("check", "--strict")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/observations.csv:29: warning: Viet Nam, social insurance, 2021: 28-NQ/TW, 23 May 2018 sets a target "
        "of 35%, 1234/QĐ-BHXH, 15 January 2018 one of 35.6% (both are kept; the methodology says which one "
        "counts). [target-disagreement]\n"
        "1 warning and --strict given; nothing was built or changed.\n")
    (mini / "sitegen.toml").write_text(ACCEPTED + NATIONAL_2021, encoding="utf-8")
    result = run("check", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == "data: 39 figures OK, 5 consistency warning(s), 5 of them accepted in sitegen.toml.\n"
    assert run("build", "--strict").exit_code == 0


def test_an_accepted_warning_that_no_longer_occurs_is_reported(mini):
    (mini / "sitegen.toml").write_text(ACCEPTED + NATIONAL_2021, encoding="utf-8")
    # 35.6% -> 35%: the two national 2021 targets now agree, so the last entry matches nothing
    replace_line(mini / "data" / "observations.csv", "vn,,bhxh,2021,target,35.6", "vn,,bhxh,2021,target,35")
    result = run("check")
    assert result.exit_code == 0
    stale = ("sitegen.toml:29: warning: accepted warning target-disagreement for vn, bhxh, 2021 no longer occurs "
             "(remove its entry so that the list stays true) [stale-accepted-warning]\n")
    assert result.stderr == stale
    strict = run("check", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr == stale + "1 warning and --strict given; nothing was built or changed.\n"


def test_github_annotations(mini):
    replace_line(mini / "data" / "observations.csv", "da-nang,,bhyt,2025", "danang,,bhyt,2025")
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    assert result.stderr == (
        "::error file=data/observations.csv,line=8,title=[unknown-reference]::column 'locality': 'danang' is not "
        "an id in data/localities.csv (did you mean 'da-nang'?)\n"
        "1 error found; nothing was built or changed.\n")


def test_github_warnings_escape_percent_and_newlines(mini):
    result = run("check", "--format", "github")
    assert result.exit_code == 0
    first = result.stderr.splitlines()[0]
    assert first == ("::warning file=data/observations.csv,line=8,title=[target-disagreement]::Da Nang, health "
                     "insurance, 2025: 546/QĐ-TTg, 29 April 2022 sets a target of 95.15%25, 64/KH-UBND, 12 April "
                     "2021 one of 99%25 (both are kept; the methodology says which one counts).")
    issue = Issue("a,b:c.md", 3, None, "x", "50% done\nnext\rline", severity="warning")
    assert issue.github() == "::warning file=a%2Cb%3Ac.md,line=3,title=[x]::50%25 done%0Anext%0Dline"


def test_check_reads_content_and_its_front_matter_errors(mini):
    (mini / "content" / "vi" / "home.md").write_text("---\ntitle: [unclosed\n---\nText\n", encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr.startswith("content/vi/home.md:2: front matter is not valid YAML:")


def test_check_warns_about_content_the_build_would_drop(mini):
    (mini / "content" / "vi" / "localities" / "nowhere.md").write_text("Text\n", encoding="utf-8")
    (mini / "content" / "en" / "localities").mkdir()
    (mini / "content" / "en" / "localities" / "da-nag.md").write_text("Text\n", encoding="utf-8")
    (mini / "content" / "en" / "home.md").write_text(
        "---\ntitle: Home\ndraft: true\nsumary: x\n---\nSee the map.\n\n![map](map.png)\n", encoding="utf-8")
    (mini / "content" / "en" / "map.png").write_bytes(b"\x89PNG")
    result = run("check")
    assert result.exit_code == 0
    content = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert content == [
        "content/vi/localities/nowhere.md: warning: matches no page of the site, so it is not shown "
        "(commentary goes in home.md, methodology.md, localities/<id>.md or indicators/<id>.md, for a locality or "
        "indicator with figures) [orphan-content]",
        "content/en/home.md:3: warning: unknown front-matter key 'draft' is ignored (the keys are title, summary) "
        "[front-matter-key]",
        "content/en/home.md:4: warning: unknown front-matter key 'sumary' is ignored (did you mean 'summary'?) "
        "[front-matter-key]",
        "content/en/localities/da-nag.md: warning: matches no page of the site, so it is not shown "
        "(did you mean localities/da-nang.md?) [orphan-content]"]
    assert len(result.stderr.splitlines()) == 5 + len(content)   # the data's five warnings, then these


def test_content_warnings_fail_strict(mini):
    (mini / "content" / "vi" / "localities" / "nowhere.md").write_text("Text\n", encoding="utf-8")
    result = run("check", "--strict")
    assert result.exit_code == 1
    assert "content/vi/localities/nowhere.md:" in result.stderr and "[orphan-content]" in result.stderr


def test_a_missing_image_is_an_error_of_check_as_of_build(mini):
    append_line(mini / "content" / "vi" / "home.md", "![x](missing.png)")
    result = run("check")
    assert result.exit_code == 1
    assert "content/vi/home.md: the image 'missing.png' does not exist" in result.stderr
    assert "[missing-image]" in result.stderr
