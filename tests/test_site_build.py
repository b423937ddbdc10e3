"""`sitegen build` on the mini project: the output contract, links, languages, determinism, safety."""

import csv
import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from conftest import replace_line


def build(*args):
    return CliRunner().invoke(main, ["build", *args])


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture
def site(mini) -> Path:
    result = build()
    assert result.exit_code == 0, result.output
    return mini / "output"


def test_derived_files_have_exactly_the_published_columns(site):
    figures = read_csv(site / "data" / "figures.csv")
    assert figures[0] == ["locality", "subdivision", "indicator", "period", "kind", "value", "unit", "qualifier",
                          "source"]
    assert len(figures) == 1 + 14
    assert ["tra-vinh", "", "bhxh", "2023", "target", "29.72", "percent", "exact", "tv-plan"] in figures
    assert ["tra-vinh", "", "bhxh", "2023", "target", "17404", "persons", "exact", "tv-plan"] in figures
    checks = read_csv(site / "data" / "checks.csv")
    assert checks == [["severity", "code", "locality", "indicator", "period", "message"],
                      ["warning", "subdivision-sum", "tra-vinh", "bhxh_mandatory", "2023",
                       "tra-vinh target bhxh_mandatory 2023: the 2 subdivisions add up to 5,147, but the stated "
                       "total is 15,647 (difference -10,500; source tv-plan)"]]
    metrics = read_csv(site / "data" / "metrics.csv")
    assert metrics[0] == ["locality", "indicator", "period", "metric", "value", "unit", "basis"]
    assert ["da-nang", "bhxh", "2021-2025", "planned_pace_pp_per_year", "2.5", "pp_per_year",
            "targets 40% (2021, dn-plan) to 50% (2025, dn-plan): (50 - 40) / 4 years"] in metrics


def test_inputs_are_published_with_the_datapackage(site, mini):
    for name in ("datapackage.json", "localities.csv", "indicators.csv", "sources.csv", "observations.csv"):
        assert (site / "data" / name).read_bytes() == (mini / "data" / name).read_bytes()


def test_pages_of_both_languages_and_site_files(site):
    for name in ("index.html", "compare.html", "sources.html", "methodology.html", "data.html", "404.html",
                 "localities/da-nang.html", "localities/tra-vinh.html", "localities/vn.html",
                 "indicators/bhxh.html", "indicators/bhyt.html"):
        assert (site / name).is_file(), name
        assert (site / "en" / name).is_file(), name
    assert (site / ".nojekyll").is_file()
    assert not (site / "sitemap.xml").exists()
    bundle = next((site / "assets").glob("vega-*.js")).read_text(encoding="utf-8")
    assert bundle.startswith("(() => {") and "window.vegaEmbed" in bundle


def test_html_lang_hreflang_and_switcher(site):
    vi = (site / "localities" / "da-nang.html").read_text(encoding="utf-8")
    en = (site / "en" / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    assert '<link rel="alternate" hreflang="en" href="../en/localities/da-nang.html">' in vi
    assert '<link rel="alternate" hreflang="vi" href="../../localities/da-nang.html">' in en
    assert 'href="../en/localities/da-nang.html" hreflang="en" lang="en">English</a>' in vi


def test_numbers_follow_the_page_language_and_quotes_stay_vietnamese(site):
    vi = (site / "localities" / "tra-vinh.html").read_text(encoding="utf-8")
    en = (site / "en" / "localities" / "tra-vinh.html").read_text(encoding="utf-8")
    assert "29,72%" in vi and "17.404 người" in vi
    assert "29.72%" in en and "17,404 people" in en
    assert '<q lang="vi" class="quote">29,72% (17.404 người)</q>' in en


def test_commentary_in_one_language_is_shown_with_a_notice(site):
    en = (site / "en" / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert "This commentary is not yet available in English; it is shown in Vietnamese." in en
    assert '<div lang="vi"><p>Đà Nẵng đặt mục tiêu <strong>ít nhất 50%</strong>' in en
    vi = (site / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert "not yet available" not in vi and "chưa có bản tiếng Anh" not in vi


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def test_every_internal_link_is_relative_and_resolves(site):
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            if url.startswith(("https://", "http://")):
                assert page.name == "sources.html", f"{page}: external {url}"  # document links only
                continue
            if url.startswith(("data:", "#")):
                continue
            assert not url.startswith("/"), f"{page}: absolute link {url}"
            target = (page.parent / url.split("#")[0]).resolve()
            assert target.is_file(), f"{page}: {url} does not resolve"


def test_no_script_or_stylesheet_from_another_host(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', text), page


def test_sitemap_with_base_url(mini):
    assert build("--base-url", "https://example.github.io/sitegen-demo/").exit_code == 0
    sitemap = (mini / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.github.io/sitegen-demo/localities/da-nang.html</loc>" in sitemap
    assert ('<xhtml:link rel="alternate" hreflang="en" '
            'href="https://example.github.io/sitegen-demo/en/localities/da-nang.html"/>') in sitemap
    assert "404.html" not in sitemap


def test_two_builds_are_byte_identical_and_the_date_comes_from_source_date_epoch(mini, monkeypatch):
    assert build("--out", "one").exit_code == 0
    assert build("--out", "two").exit_code == 0
    assert snapshot(mini / "one") == snapshot(mini / "two")
    assert "Dữ liệu cập nhật đến 15/08/2022" in (mini / "one" / "index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 UTC
    assert build("--out", "two").exit_code == 0
    assert "Dữ liệu cập nhật đến 14/11/2023" in (mini / "two" / "index.html").read_text(encoding="utf-8")
    assert "Data as of 14 November 2023" in (mini / "two" / "en" / "index.html").read_text(encoding="utf-8")


def test_a_failed_build_leaves_the_previous_output_unchanged(site, mini):
    before = snapshot(site)
    replace_line(mini / "data" / "observations.csv", "target,29.72,percent", 'target,"29,72",percent')
    result = build()
    assert result.exit_code == 1
    assert snapshot(site) == before


def test_a_folder_sitegen_did_not_create_is_refused(mini):
    (mini / "notes").mkdir()
    (mini / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    result = build("--out", "notes")
    assert result.exit_code == 1
    assert result.stderr.startswith("notes: refusing to replace a non-empty folder that sitegen did not create")
    assert (mini / "notes" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_templates_folder_overrides_single_templates(mini):
    (mini / "theme").mkdir()
    (mini / "theme" / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Lạc đường rồi</h1>{% endblock %}', encoding="utf-8")
    assert build("--templates", "theme").exit_code == 0
    assert "<h1>Lạc đường rồi</h1>" in (mini / "output" / "404.html").read_text(encoding="utf-8")
    assert "Skip to content" not in (mini / "output" / "index.html").read_text(encoding="utf-8")  # vi page
    assert 'class="overview"' in (mini / "output" / "index.html").read_text(encoding="utf-8")
