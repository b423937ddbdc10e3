"""The build's output contract, on the mini fixture: files, CSV headers, links, determinism, safety."""

from __future__ import annotations

import re

import csv
import io
import posixpath
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitegen.build import build_site
from sitegen.config import SiteConfig
from sitegen.errors import SitegenError

FIXTURES = Path(__file__).parent / "fixtures"
BASE_URL = "https://example.org/site/"
HOME = {"vi": ("Trang chủ kiểm thử hợp đồng", "Tóm tắt trang chủ."),
        "en": ("Contract test home", "Home page summary.")}


def make_project(root: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", root)
    for lang, (title, summary) in HOME.items():
        (root / "content" / lang).mkdir(parents=True, exist_ok=True)
        (root / "content" / lang / "home.md").write_text(
            f"---\ntitle: {title}\nsummary: {summary}\n---\nBody text ({lang}).\n", encoding="utf-8")
    return root


def build(out: str = "output", **options):
    return build_site(SiteConfig(out_dir=Path(out), **options))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The mini project built once into output/ (no base URL) and output-url/ (with one)."""
    root = make_project(tmp_path_factory.mktemp("built") / "project")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        build("output")
        build("output-url", base_url=BASE_URL)
    return root


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = make_project(tmp_path / "project")
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return root


# ---------------------------------------------------------------- data files

def test_figures_csv(built):
    rows = read_csv(built / "output" / "data" / "figures.csv")
    assert rows[0] == "locality,subdivision,indicator,period,kind,value,unit,qualifier,source,flag".split(",")
    inputs = read_csv(built / "data" / "observations.csv")
    assert len(rows) - 1 == len(inputs) - 1  # one row per observation
    # same order and same cells as the input, minus quote and note, with canonical numbers, and the flag
    assert [r[:9] for r in rows[1:]] == [r[:9] for r in inputs[1:]]
    values = [r[5] for r in rows[1:]]
    assert "29.72" in values and "17404" in values
    assert not any(v.endswith(".0") for v in values)
    assert ["tra-vinh", "", "bhxh", "2023", "target", "17404", "persons", "exact", "tv-plan", ""] in rows


def test_checks_csv_has_every_warning(built):
    rows = read_csv(built / "output" / "data" / "checks.csv")
    assert rows[0] == ["severity", "code", "locality", "indicator", "period", "message"]
    # sorted by locality, indicator, period, code
    assert [r[:5] for r in rows[1:]] == [
        ["warning", "target-disagreement", "da-nang", "bhyt", "2025"],       # 95.15% (QĐ 546) vs 99% (own plan)
        ["warning", "part-sum", "tra-vinh", "bhxh", "2023"],                 # 26 + 3 = 29, not 29.72
        ["warning", "denominator-mismatch", "tra-vinh", "bhxh_mandatory", "2023"],  # 15647 / 26% vs 17404 / 29.72%
        ["warning", "subdivision-sum", "tra-vinh", "bhxh_mandatory", "2023"],     # 1888 + 3259 vs 15647
        ["warning", "target-disagreement", "vn", "bhxh", "2021"]]            # 35% vs 35.6%
    assert "95.15%" in rows[1][5] and "99%" in rows[1][5]
    assert "29%" in rows[2][5] and "29.72%" in rows[2][5]
    assert "58,560" in rows[3][5] and "60,181" in rows[3][5]
    assert "5,147" in rows[4][5] and "15,647" in rows[4][5]
    assert "35%" in rows[5][5] and "35.6%" in rows[5][5]


def test_metrics_csv(built):
    rows = read_csv(built / "output" / "data" / "metrics.csv")
    assert rows[0] == ["locality", "indicator", "period", "metric", "value", "unit", "basis"]
    by_key = {(r[0], r[1], r[2], r[3]): r[4] for r in rows[1:]}
    assert by_key[("da-nang", "bhxh", "2021-2023", "planned_pace_pp_per_year")] == "2.25"   # (44.5 - 40) / 2
    assert by_key[("da-nang", "bhxh", "2021", "gap_to_national_pp")] == "5"                # 40 - 35
    assert by_key[("tra-vinh", "bhxh", "2023", "implied_denominator")] == "58560"          # 17404 / 0.2972
    assert all(r[6] for r in rows[1:])  # every metric says what it is based on


def test_input_files_copied(built):
    for name in ["localities.csv", "indicators.csv", "sources.csv", "observations.csv"]:
        assert (built / "output" / "data" / name).read_bytes() == (built / "data" / name).read_bytes(), name


def test_published_datapackage_describes_the_inputs_and_the_derived_files(built):
    import json
    curated = json.loads((built / "data" / "datapackage.json").read_text(encoding="utf-8"))
    published = json.loads((built / "output" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert published["resources"][:4] == curated["resources"]
    derived = {r["name"]: r for r in published["resources"][4:]}
    assert sorted(derived) == ["metrics", "verdicts"]
    for name, resource in derived.items():
        header = read_csv(built / "output" / "data" / resource["path"])[0]
        assert header == [f["name"] for f in resource["schema"]["fields"]], name


def test_verdicts_csv(built):
    rows = read_csv(built / "output" / "data" / "verdicts.csv")
    assert rows[0] == ("locality,indicator,target_period,target_value,qualifier,target_source,latest_period,"
                       "latest_value,latest_qualifier,latest_flag,latest_source,as_of,projected_value,status,evidence,"
                       "reason").split(",")
    by_key = {(r[0], r[1], r[2]): r for r in rows[1:]}
    # Trà Vinh BHXH: 25 (30/06/2022, uncertain date) and 27.5 (31/12/2022), 6 months apart; the line reaches
    # 27.5 + 2.5 / (184 / 365.25) × (365 / 365.25) = 32.46 by 31/12/2023 ≥ 29.72: on track, indicative
    tv = by_key[("tra-vinh", "bhxh", "2023")]
    assert tv[3:] [:3] == ["29.72", "exact", "tv-plan"]
    assert tv[6:12] == ["2022-12", "27.5", "exact", "", "news2", "2022-12-31"]
    assert tv[13:15] == ["on_track", "indicative"] and "marked uncertain" in tv[15]
    assert tv[12] == str(round(27.5 + 2.5 / (184 / 365.25) * (365 / 365.25), 2))
    # metrics.csv's status rows say the same
    metrics = {(r[0], r[1], r[2]): r[4] for r in read_csv(built / "output" / "data" / "metrics.csv")[1:]
               if r[3] == "status"}
    assert metrics == {key: r[13] for key, r in by_key.items()}
    # a flagged reading says so in the file too: Đà Nẵng's 99.1% is of a base worded differently
    assert by_key[("da-nang", "bhyt", "2025")][7:10] == ["99.1", "exact", "denominator_wording"]
    flags = {(r[0], r[3], r[5]): r[9] for r in read_csv(built / "output" / "data" / "figures.csv")[1:]}
    assert flags[("da-nang", "2015", "94")] == "background" and flags[("da-nang", "2023-03", "99.1")] == "denominator_wording"
    assert flags[("da-nang", "2022-07-31", "43.22")] == ""


def test_chart_csvs_have_canonical_numbers(built):
    charts = sorted((built / "output" / "data" / "charts").glob("*.csv"))
    assert charts
    for path in charts:
        assert path.read_bytes().startswith(b"\xef\xbb\xbfseries,"), path   # a BOM: Excel reads UTF-8
        rows = read_csv(path)
        assert rows[0] == ["\ufeffseries", "kind", "date", "value", "label", "source"]
        assert all(not r[3].endswith(".0") for r in rows[1:]), path


def test_each_language_links_its_own_chart_csvs(built):
    out = built / "output"
    vi_link = re.search(r'href="(data/charts/home-bhxh-vi\.csv)"', (out / "index.html").read_text(encoding="utf-8"))
    en_link = re.search(r'href="(\.\./data/charts/home-bhxh-en\.csv)"', (out / "en" / "index.html").read_text(encoding="utf-8"))
    assert vi_link and en_link
    vi_rows, en_rows = read_csv(out / vi_link.group(1)), read_csv(out / "en" / en_link.group(1))
    assert len(vi_rows) == len(en_rows) > 1
    assert {r[1] for r in vi_rows[1:]} == {r[1] for r in en_rows[1:]}            # the same figures
    assert any("Việt Nam" in r[0] for r in vi_rows) and any("Viet Nam" in r[0] or "Vietnam" in r[0] for r in en_rows)
    assert not (out / "data" / "datapackage.json").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not (out / "data" / "observations.csv").read_bytes().startswith(b"\xef\xbb\xbf")   # the package stays as it is


# ---------------------------------------------------------------- assets and site files

def test_vega_bundle_and_nojekyll(built):
    out = built / "output"
    bundles = list((out / "assets").glob("vega-*.js"))
    assert len(bundles) == 1
    assert bundles[0].read_bytes().startswith(b"(() => {")
    assert (out / ".nojekyll").is_file() and (out / ".nojekyll").read_bytes() == b""
    assert (out / ".sitegen").is_file()
    assert (out / "assets" / "site.css").is_file() and (out / "assets" / "site.js").is_file()
    assert f'<script defer src="assets/{bundles[0].name}"></script>' in (out / "index.html").read_text(encoding="utf-8")


def test_sitemap_only_with_base_url(built):
    assert not (built / "output" / "sitemap.xml").exists()
    sitemap = (built / "output-url" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert f"<loc>{BASE_URL}index.html</loc>" in sitemap
    assert f"<loc>{BASE_URL}en/index.html</loc>" in sitemap
    assert f'hreflang="vi" href="{BASE_URL}localities/da-nang.html"' in sitemap
    assert f'hreflang="en" href="{BASE_URL}en/localities/da-nang.html"' in sitemap
    assert "404.html" not in sitemap


# ---------------------------------------------------------------- links

class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []   # (tag, attribute, value)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.refs.append((tag, name, attrs[name]))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(out: Path) -> list[Path]:
    files = sorted(out.rglob("*.html"))
    assert files
    return files


def test_internal_links_are_relative_and_resolve(built):
    out = built / "output"
    problems = []
    for page in html_files(out):
        here = page.relative_to(out).as_posix()
        for tag, attr, ref in parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                if not parts.netloc:
                    problems.append(f"{here}: malformed {attr}={ref!r}")
                continue  # built without --base-url: any http(s) link leads to another site
            if parts.scheme in ("data", "mailto"):
                continue
            if parts.scheme or parts.netloc or ref.startswith("/"):
                problems.append(f"{here}: not relative: {attr}={ref!r}")
                continue
            if not parts.path:
                continue  # "#fragment": the page itself
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here), parts.path))
            if target.startswith("..") or not (out / target).is_file():
                problems.append(f"{here}: {attr}={ref!r} -> {target} missing")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("folder", ["output", "output-url"])
def test_no_scripts_or_styles_from_other_hosts(built, folder):
    out = built / folder
    problems = []
    for page in html_files(out):
        for tag, attrs in parse(page).tags:
            ref = attrs.get("src") if tag == "script" else attrs.get("href") if tag == "link" else None
            if tag == "link" and attrs.get("rel") in ("alternate", "canonical"):
                if ref and ref.startswith("http") and not ref.startswith(BASE_URL):
                    problems.append(f"{page}: <link {attrs}>")
                continue
            if ref and urlsplit(ref).scheme in ("http", "https") and not ref.startswith(BASE_URL):
                problems.append(f"{page}: <{tag} {attrs}>")
            if ref and folder == "output" and urlsplit(ref).scheme not in ("", "data"):
                problems.append(f"{page}: <{tag} {attrs}> absolute without --base-url")
    assert not problems, "\n".join(problems)
    for js in (out / "assets").glob("site*.js"):
        text = js.read_text(encoding="utf-8")
        assert "cdn" not in text.lower() or "http" not in text, js


def test_languages_and_hreflang_alternates(built):
    out = built / "output"
    vi_pages = [p for p in html_files(out) if not p.relative_to(out).as_posix().startswith("en/")]
    assert (out / "index.html") in vi_pages and (out / "en" / "index.html").is_file()
    for page in vi_pages:
        name = page.relative_to(out).as_posix()
        english = out / "en" / name
        assert english.is_file(), name
        vi, en = parse(page), parse(english)
        assert dict(vi.tags[0][1]) == {"lang": "vi"} and vi.tags[0][0] == "html", name
        assert en.tags[0][0] == "html" and en.tags[0][1] == {"lang": "en"}, name

        def alternates(links: Links) -> dict[str, str]:
            return {a["hreflang"]: a["href"] for t, a in links.tags
                if t == "link" and a.get("rel") == "alternate" and "hreflang" in a}   # not the Atom feed

        vi_alt, en_alt = alternates(vi), alternates(en)
        assert posixpath.normpath(posixpath.join(posixpath.dirname(name), vi_alt["en"])) == f"en/{name}"
        assert posixpath.normpath(posixpath.join(posixpath.dirname(name), vi_alt["vi"])) == name
        en_here = f"en/{name}"
        assert posixpath.normpath(posixpath.join(posixpath.dirname(en_here), en_alt["vi"])) == name
        assert posixpath.normpath(posixpath.join(posixpath.dirname(en_here), en_alt["en"])) == en_here
    english_only = {p.relative_to(out / "en").as_posix() for p in html_files(out / "en")}
    assert english_only == {p.relative_to(out).as_posix() for p in vi_pages}


def test_home_commentary_in_each_language(built):
    out = built / "output"
    vi, en = (out / "index.html").read_text(encoding="utf-8"), (out / "en" / "index.html").read_text(encoding="utf-8")
    assert HOME["vi"][1] in vi and "Body text (vi)." in vi
    assert HOME["en"][1] in en and "Body text (en)." in en


# ---------------------------------------------------------------- reproducibility and safety

def test_two_builds_are_byte_identical(project):
    build("one")
    build("two")
    first, second = snapshot(project / "one"), snapshot(project / "two")
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


def test_rebuild_in_place_is_identical(project):
    build("output")
    before = snapshot(project / "output")
    build("output")
    assert snapshot(project / "output") == before
    assert not list(project.glob(".output.sitegen-*"))  # no staging folder left behind


def test_footer_dates_come_from_the_data_and_source_date_epoch(project, monkeypatch):
    build("plain")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")   # 2023-11-14 22:13:20 UTC
    build("dated")
    plain_vi = (project / "plain" / "index.html").read_text(encoding="utf-8")
    dated_vi = (project / "dated" / "index.html").read_text(encoding="utf-8")
    dated_en = (project / "dated" / "en" / "index.html").read_text(encoding="utf-8")
    # The mini data's newest actual is dated 31/12/2023; its newest document was issued on 15/08/2022.
    assert "Số liệu hoặc văn bản mới nhất: 31/12/2023." in plain_vi
    assert "14/11/2023" not in plain_vi and "Xây dựng ngày" not in plain_vi
    assert "Xây dựng ngày 14/11/2023." in dated_vi
    # the day the verdicts are stated on: SITEGEN_TODAY (the tests' 2023-12-31) before SOURCE_DATE_EPOCH
    assert "Đánh giá tính đến ngày 31/12/2023." in plain_vi and "Đánh giá tính đến ngày 31/12/2023." in dated_vi
    monkeypatch.delenv("SITEGEN_TODAY")
    build("epoch")
    assert "Đánh giá tính đến ngày 14/11/2023." in (project / "epoch" / "index.html").read_text(encoding="utf-8")
    assert "Newest figure or document: 31 December 2023. Built on 14 November 2023." in " ".join(dated_en.split())


def test_verdicts_are_stated_on_the_day_of_the_build(project, monkeypatch):
    """The mini data's newest figure is of 2023; Đà Nẵng's 99.1% of March 2023 is above its 99% target for
    2025. Built in November 2023 (SOURCE_DATE_EPOCH, as the Pages workflow sets it) that target is on
    track; on 1 January 2026 (SITEGEN_TODAY) its deadline has passed with no reading of it."""
    monkeypatch.delenv("SITEGEN_TODAY")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")   # 2023-11-14
    build("2023")
    monkeypatch.setenv("SITEGEN_TODAY", "2026-01-01")
    build("2026")
    before, after = ({r["locality"] + "/" + r["indicator"]: r for r in csv.DictReader(
        (project / name / "data" / "verdicts.csv").open(encoding="utf-8")) if r["target_period"] == "2025"}
        for name in ("2023", "2026"))
    assert (before["da-nang/bhyt"]["status"], before["da-nang/bhyt"]["evidence"]) == ("on_track", "indicative")
    assert (after["da-nang/bhyt"]["status"], after["da-nang/bhyt"]["evidence"]) == ("insufficient", "insufficient")
    assert "has passed and the data hold no reading of that date (latest comparable by then: 99.1%" in after["da-nang/bhyt"]["reason"]
    pages = {name: (project / name / "en" / "localities" / "da-nang.html").read_text(encoding="utf-8")
             for name in ("2023", "2026")}
    assert "status-on_track" in pages["2023"] and "Required pace" in pages["2023"]
    assert "status-on_track" not in pages["2026"] and "Required pace" not in pages["2026"]


def test_data_date_counts_actuals_not_targets(project, monkeypatch):
    with (project / "data" / "observations.csv").open("a", encoding="utf-8") as f:
        f.write("da-nang,,bhxh,2024-05,actual,45,percent,exact,news,đạt 45%,,\n"
                "da-nang,,bhyt,2030,target,99.5,percent,at_least,dn-plan,\"ít nhất 99,5%\",,\n")
    build("output")
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "Số liệu hoặc văn bản mới nhất: 31/05/2024." in page   # the new actual; the 2030 target does not count


def test_failed_build_leaves_output_unchanged(project):
    build("output")
    before = snapshot(project / "output")
    with (project / "data" / "observations.csv").open("a", encoding="utf-8") as f:
        f.write("da-nang,,bhxh,2024,target,not-a-number,percent,exact,dn-plan,x,,\n")
    with pytest.raises(SitegenError):
        build("output")
    assert snapshot(project / "output") == before
    assert not list(project.glob(".output.sitegen-*"))


def test_failed_render_leaves_output_unchanged(project):
    build("output")
    before = snapshot(project / "output")
    templates = project / "mytemplates"
    templates.mkdir()
    (templates / "404.html").write_text('{% extends "base.html" %}{% block content %}{{ nope( }}{% endblock %}',
                                        encoding="utf-8")
    with pytest.raises(SitegenError):
        build("output", templates_dir=templates)
    assert snapshot(project / "output") == before


def test_refuses_non_empty_folder_without_marker(project):
    out = project / "site"
    out.mkdir()
    (out / "precious.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SitegenError) as err:
        build("site")
    assert [issue.code for issue in err.value.issues] == ["unsafe-output"]
    assert snapshot(out) == {"precious.txt": b"keep me"}


def test_empty_folder_is_accepted(project):
    (project / "site").mkdir()
    build("site")
    assert (project / "site" / ".sitegen").is_file()


@pytest.mark.parametrize("out", [".", "data", "content", ".."])
def test_refuses_project_and_input_folders(project, out):
    before = snapshot(project)
    with pytest.raises(SitegenError):
        build(out)
    assert snapshot(project) == before


def test_templates_folder_overrides_only_404(project):
    build("default")
    templates = project / "mytemplates"
    templates.mkdir()
    (templates / "404.html").write_text(
        '{% extends "base.html" %}\n{% block content %}<h1>CUSTOM-404-MARKER</h1>{% endblock %}\n', encoding="utf-8")
    build("custom", templates_dir=templates)
    default, custom = snapshot(project / "default"), snapshot(project / "custom")
    assert sorted(default) == sorted(custom)
    changed = sorted(p for p in default if default[p] != custom[p])
    assert changed == ["404.html", "en/404.html"]
    assert b"CUSTOM-404-MARKER" in custom["404.html"] and b"CUSTOM-404-MARKER" in custom["en/404.html"]


def test_numbers_follow_the_page_language_and_quotes_stay_vietnamese(built):
    vi = (built / "output" / "localities" / "tra-vinh.html").read_text(encoding="utf-8")
    en = (built / "output" / "en" / "localities" / "tra-vinh.html").read_text(encoding="utf-8")
    assert "29,72%" in vi and "17.404 người" in vi
    assert "29.72%" in en and "17,404 people" in en
    assert '<q lang="vi" class="quote">29,72% (17.404 người)</q>' in en


def test_commentary_in_one_language_is_shown_with_a_notice(built):
    en = (built / "output" / "en" / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert "This commentary is not yet available in English; it is shown in Vietnamese." in en
    assert '<div lang="vi"><p>Đà Nẵng đặt mục tiêu <strong>ít nhất 50%</strong>' in en
    vi = (built / "output" / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert "not yet available" not in vi
