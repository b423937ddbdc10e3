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


def test_links_to_other_hosts_stay_links_and_images_are_copied_into_the_site(mini):
    """No request leaves the site: an image is a file of content/, copied beside the page; a
    link to another host is still a link (the reader chooses to follow it)."""
    (mini / "content" / "vi" / "img").mkdir()
    (mini / "content" / "vi" / "img" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (mini / "content" / "vi" / "home.md").write_text(
        "---\ntitle: Trang chủ\n---\n![Bản đồ](img/map.png) [BHXH](https://vss.gov.vn/) "
        "[tương đối](//vss.gov.vn/x) [HOA](HTTPS://VSS.GOV.VN/)\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    home = (mini / "output" / "index.html").read_text(encoding="utf-8")
    assert '<img alt="Bản đồ" src="img/map.png" />' in home
    assert '<a href="https://vss.gov.vn/">BHXH</a>' in home and '<a href="HTTPS://VSS.GOV.VN/">HOA</a>' in home
    assert (mini / "output" / "img" / "map.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert (mini / "output" / "en" / "img" / "map.png").exists() is False   # en has its own home.md
    for page in (mini / "output").rglob("*.html"):   # what the browser loads by itself stays on the site
        assert not re.search(r'<(img|script|link|iframe)[^>]+(src|href)="(https?:)?//', page.read_text("utf-8")), page


def test_an_override_template_cannot_reach_python(mini):
    """A --templates folder renders in Jinja's sandbox: cycler.__init__.__globals__ would reach os."""
    (mini / "theme").mkdir()
    (mini / "theme" / "home.html").write_text(
        "{{ cycler.__init__.__globals__.os.system('touch pwned') }}\n"
        "{{ joiner.__init__.__globals__['__builtins__']['open']('pwned', 'w') }}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--templates", "theme"])
    assert result.exit_code == 1
    assert result.stderr.startswith("theme/home.html:1: access to attribute '__init__' of 'type' object is unsafe")
    assert not (mini / "pwned").exists() and not (mini / "output").exists()
