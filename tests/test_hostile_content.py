"""Hostile content is inert: markup in any CSV field or in Markdown comes out as text, a
javascript: link does nothing, and nothing is written outside the output folder.
(tests/browser/test_hostile_page.py checks in Chromium that no script runs.)"""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from tests.helpers import replace_line

SCRIPT = "</script><script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"


def make_hostile_site(project: Path) -> Path:
    """Puts markup in names, notes, quotes, titles and commentary of the project, builds it from
    the current folder and returns the output folder."""
    replace_line(project / "data" / "localities.csv", "da-nang,Đà Nẵng,Da Nang",
                 f'da-nang,"Đà Nẵng{SCRIPT}","Da Nang{IMAGE}"')
    replace_line(project / "data" / "indicators.csv", "bhyt,Bảo hiểm y tế", f"bhyt,Bảo hiểm y tế{IMAGE}")
    replace_line(project / "data" / "sources.csv", "Kế hoạch BHXH BHYT 2021-2025", f'"Kế hoạch{SCRIPT}"')
    replace_line(project / "data" / "observations.csv", "đạt 99%,", f'"đạt 99%{SCRIPT}","{IMAGE}"')
    (project / "content" / "en" / "localities").mkdir(parents=True, exist_ok=True)
    (project / "content" / "en" / "localities" / "da-nang.md").write_text(
        f"---\ntitle: \"{SCRIPT}\"\nsummary: x\n---\n{SCRIPT}\n\n{IMAGE}\n\n"
        "[click me](javascript:alert(3)) [data](data:text/html,<script>alert(4)</script>)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    return project / "output"


@pytest.fixture
def hostile(mini) -> Path:
    return make_hostile_site(mini)


def test_markup_from_data_and_markdown_is_escaped(hostile):
    for page in hostile.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert not re.search(r"<img[^>]*onerror", html), page
        assert 'href="javascript:' not in html.lower() and 'href="data:text' not in html, page
    page = (hostile / "en" / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_chart_json_cannot_close_its_script_element(hostile):
    html = (hostile / "localities" / "da-nang.html").read_text(encoding="utf-8")
    for body in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
        assert "</" not in body and "<script" not in body and "<img" not in body


def test_nothing_is_written_outside_the_output_folder(hostile, mini):
    outside = {p.relative_to(mini).as_posix() for p in mini.rglob("*") if "output" not in p.parts}
    expected_inputs = {p.relative_to(mini).as_posix() for p in (mini / "data").rglob("*")} | \
        {p.relative_to(mini).as_posix() for p in (mini / "content").rglob("*")} | {"data", "content"}
    assert outside == expected_inputs
