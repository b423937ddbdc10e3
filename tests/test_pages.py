"""What the pages say about figures that need care: flagged notes, the target that counts, the
ward table with its totals, consistency warnings in the reader's language (mini fixture)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sitegen.build import build_site, site_data
from sitegen.checking import check_data
from sitegen.config import SiteConfig
from sitegen.i18n import language
from sitegen.page_charts import chart_subtitle
from sitegen.sitedata import quote_language
from sitegen.wording import in_sentence
from tests.helpers import append_line, chart_payload, decoded_rows, replace_line

OBS = Path("data") / "observations.csv"
NEWS_ACTUAL = 'da-nang,,bhxh,2022-07-31,actual,43.22,percent,exact,news,"đạt 43,22%",,'


@pytest.fixture
def project(mini, monkeypatch) -> Path:
    """The mini project (conftest's `mini`), built without a fixed build date."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return mini


def page_text(root: Path, page: str) -> str:
    """A built page as text, tags removed and whitespace collapsed: what a reader sees."""
    markup = (root / "output" / page).read_text(encoding="utf-8")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def build_and_read(root: Path, page: str) -> str:
    build_site(SiteConfig(out_dir=Path("output")))
    return page_text(root, page)


def test_ward_table_has_short_headings_the_stated_total_and_the_derived_sum(project):
    text = build_and_read(project, "localities/tra-vinh.html")
    table = text[text.index("Phường, xã"):text.index("Ghi chú dữ liệu")]
    assert table.startswith("Phường, xã Số người tham gia (chỉ tiêu) BHXH bắt buộc Phường 1 1.888 người "
                            "Long Đức 3.259 người")
    assert "Tổng cộng theo kế hoạch 15.647 người" in table
    assert "Cộng các dòng trên (tính toán) 5.147 người" in table      # 1.888 + 3.259
    assert "Tỷ lệ" not in table


def test_consistency_warnings_are_worded_in_the_page_language(project):
    vi = build_and_read(project, "localities/tra-vinh.html")
    assert ("thành phố Trà Vinh, BHXH bắt buộc, mục tiêu 2023: cộng 2 phường, xã được "
            "5.147 người, nhưng dòng tổng ghi 15.647 người (49/KH-BCĐ).") in vi
    en = page_text(project, "en/localities/tra-vinh.html")
    assert ("Tra Vinh City, mandatory social insurance, target 2023: the 2 wards or communes add up "
            "to 5,147 people, but the stated total is 15,647 people (49/KH-BCĐ).") in en
    # the published checks.csv words it as the English pages do
    checks = (project / "output" / "data" / "checks.csv").read_text(encoding="utf-8")
    assert ("Tra Vinh City, mandatory social insurance, target 2023: the 2 wards or communes add up to 5,147 "
            "people, but the stated total is 15,647 people (49/KH-BCĐ).") in checks


def test_the_localitys_own_target_counts_over_a_national_assignment(project):
    # nq28 is a national document (it sets Việt Nam's targets); Đà Nẵng's own plan counts first.
    append_line(project / OBS, "da-nang,,bhxh,2025,target,47,percent,exact,nq28,47%,,")
    append_line(project / OBS, "da-nang,,bhxh,2023,target,42,percent,exact,nq28,42%,,")
    home = build_and_read(project, "index.html")
    scorecard = home[home.index("Đà Nẵng Mục tiêu"):][:40]
    assert scorecard.startswith("Đà Nẵng Mục tiêu ít nhất 50% (2025)"), scorecard
    overview = home[home.index("Tổng quan: mục tiêu"):]
    cell = overview[overview.index("Đà Nẵng Mục tiêu"):][:60]
    assert cell.startswith("Đà Nẵng Mục tiêu 2025: ít nhất 50%"), cell
    compare = build_and_read(project, "compare.html")
    # the league ranks 2025, the latest of the final-target years (Đà Nẵng 2025, Trà Vinh 2023, one each)
    table = compare[compare.index("Mục tiêu năm 2025"):]
    table = table[:table.index("Tốc độ theo kế hoạch")]
    assert table.count("Đà Nẵng") == 1 and "ít nhất 50%" in table and "47%" not in table


def test_an_uncertain_figure_says_so_wherever_it_is_shown(project):
    replace_line(project / OBS, NEWS_ACTUAL, NEWS_ACTUAL[:-1] + "Chưa chắc chắn: trùng với số liệu kế hoạch,"
                 "Uncertain: equals the plan figure")
    page = build_and_read(project, "localities/da-nang.html")
    # the table of every figure, next to the curator's note
    assert "số liệu chưa chắc chắn Chưa chắc chắn: trùng với số liệu kế hoạch" in page
    # the quotable sentence carries the caution when copied
    assert ("Theo Báo Mẫu, “Tin mẫu”, 15/08/2022, bảo hiểm xã hội của Đà Nẵng là 43,22% lực lượng lao động "
            "trong độ tuổi (31/07/2022). Lưu ý: số liệu chưa chắc chắn; xem ghi chú trong bảng số liệu.") in page
    # every metric derived from it
    assert "(dựa trên số liệu chưa chắc chắn)" in page
    # the chart's tooltip and table
    labels = [r["value_label"] for r in chart_rows(project, "localities/da-nang.html", "locality-da-nang-bhxh")
              if r["kind"] == "actual"]
    assert "43,22% (số liệu chưa chắc chắn)" in labels
    # and the home overview marks it
    home = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert 'title="số liệu chưa chắc chắn">⚠' in home


def test_a_figure_without_a_flag_has_no_caution(project):
    page = build_and_read(project, "localities/da-nang.html")
    # the BHXH actual of 31/07/2022 is unflagged (the page's BHYT figures are flagged)
    start = page.index("Theo Báo Mẫu")
    sentence = page[start:page.index("Nguyên văn", start)]
    assert "43,22%" in sentence and "Lưu ý:" not in sentence and "chưa chắc chắn" not in sentence


@pytest.mark.parametrize("quote, lang", [
    ("đạt 43,22%", "vi"),
    ("29,72% (17.404 người)", "vi"),
    ("Tổng cộng 15.647", "vi"),
    ("95,5%", "vi"),
    ("coverage rate reached 95.5%", "en"),
    ("人口の95.5%", "ja"),
])
def test_quote_language(quote, lang):
    assert quote_language(quote) == lang


@pytest.mark.parametrize("name, inside", [
    ("Tỷ lệ tham gia BHXH", "tỷ lệ tham gia BHXH"),
    ("BHXH bắt buộc", "BHXH bắt buộc"),
    ("Health insurance coverage", "health insurance coverage"),
    ("Youth Union members with health insurance", "Youth Union members with health insurance"),
])
def test_indicator_names_inside_a_sentence(name, inside):
    assert in_sentence(name) == inside


def chart_rows(root: Path, page: str, chart_id: str) -> list[dict]:
    return decoded_rows(chart_payload((root / "output" / page).read_text(encoding="utf-8")), chart_id)


def test_required_path_runs_from_the_latest_actual_to_the_target_while_the_deadline_is_ahead(project):
    build_and_read(project, "localities/da-nang.html")
    required = [(r["date"], r["value"]) for r in chart_rows(project, "localities/da-nang.html", "locality-da-nang-bhxh")
                if r["kind"] == "required"]
    # from the latest comparable actual to the final target of the plan in force (2025), not the next one
    assert required == [("2022-07-31", 43.22), ("2025-12-31", 50.0)]


def test_no_required_path_once_the_data_is_past_the_deadline(project):
    # A figure of March 2026 makes the 2025 target's deadline history.
    append_line(project / OBS, "tra-vinh,,bhxh,2026-03,actual,30,percent,exact,news,đạt 30%,,")
    page = build_and_read(project, "localities/da-nang.html")
    assert [r for r in chart_rows(project, "localities/da-nang.html", "locality-da-nang-bhxh") if r["kind"] == "required"] == []
    assert "Tốc độ cần thiết" not in page and "Khoảng cách đến mục tiêu +6,78 điểm phần trăm" in page   # 50 - 43.22


def test_an_indicator_with_too_many_figures_for_one_table_lists_them_by_locality(project, monkeypatch):
    from sitegen import pages

    monkeypatch.setattr(pages, "FIGURE_TABLE_ROWS", 3)
    text = build_and_read(project, "indicators/bhxh.html")
    raw = (project / "output" / "indicators" / "bhxh.html").read_text(encoding="utf-8")
    assert 'class="figures"' not in raw.split('id="figures"')[1]          # no table of every figure
    total, localities = map(int, re.search(r"(\d+) số liệu của (\d+) địa phương, quá nhiều cho một bảng", text).groups())
    counts = [int(n) for n in re.findall(r'#ind-bhxh">[^<]+</a> \((\d+)\)', raw)]
    assert len(counts) == localities >= 2 and sum(counts) == total > 3
    assert 'href="../localities/da-nang.html#ind-bhxh">Đà Nẵng</a> (' in raw
    assert 'id="ind-bhxh"' in (project / "output" / "localities" / "da-nang.html").read_text(encoding="utf-8")


def test_a_chart_subtitle_names_only_the_line_styles_it_draws(project):
    """The home page's charts draw no required path; Đà Nẵng's BHXH chart draws one (the mini data's
    newest figure is before its 2025 deadline); a chart of actuals alone names no target line."""
    build_site(SiteConfig(out_dir=Path("output")))
    subtitles = {name: chart_payload((project / "output" / page).read_text(encoding="utf-8"))["charts"][name]["subtitle"][0]
                 for page, name in (("index.html", "home-bhxh"), ("localities/da-nang.html", "locality-da-nang-bhxh"))}
    assert subtitles["home-bhxh"] == ("Tỷ lệ phần trăm so với lực lượng lao động trong độ tuổi. "
                                      "Nét liền: thực hiện; nét đứt: mục tiêu.")
    assert subtitles["locality-da-nang-bhxh"].endswith("nét đứt: mục tiêu; nét chấm: lộ trình cần thiết.")
    site = site_data(check_data(Path("data")), {})
    assert chart_subtitle(site, language("en"), "bhxh", [{"kind": "actual"}]) == (
        "Percent of working-age labour force. Solid: actual.")
    assert chart_subtitle(site, language("en"), "bhxh", [{"kind": "target"}]).endswith(". Dashed: target.")


def test_a_chart_with_many_documents_counts_them_alike_in_both_languages():
    """The bundled BHXH chart folds its sources: it counts documents, not short labels, which an
    outlet's two articles share and an issuer's names in each language split (21 and 22 before)."""
    import csv

    from sitegen.page_charts import make_chart
    from tests.helpers import REPO

    with open(REPO / "data" / "observations.csv", encoding="utf-8") as rows:
        documents = {r["source"] for r in csv.DictReader(rows)
                     if r["indicator"] == "bhxh" and not r["subdivision"] and r["unit"] == "percent"}
    site = site_data(check_data(REPO / "data"), {})
    lines = {code: make_chart(site, language(code), "home-bhxh", "trajectory", "bhxh", site.charted_localities,
                              "title").config["subtitle"][1] for code in ("vi", "en")}
    assert lines == {"vi": f"{len(documents)} nguồn, liệt kê bên dưới.",
                     "en": f"{len(documents)} sources, listed below."}


def test_a_verdict_whose_actual_is_older_than_its_parts_figures_shows_them():
    """Hà Nội's BHXH has no whole figure after 30/10/2021 (38.28%, 4.72 pp below its 2023 target),
    but its compulsory part alone stood at 42.1% in July 2023, before that deadline (observations.csv;
    its 44.33% of May 2024 and 47.62% of August 2025 come after it and do not bear on it); Hải Phòng
    has no whole figure at all, only its parts' 46% and 2.52% of November 2023."""
    from sitegen.wording import verdict_view
    from tests.helpers import REPO

    site = site_data(check_data(REPO / "data"), {})
    english = language("en")
    notes = {locality: verdict_view(site, english, site.analysis.verdicts[(locality, "bhxh")][0]).parts_note
             for locality in ("ha-noi", "hai-phong", "da-nang")}
    assert notes["ha-noi"].startswith("Newer figures of its parts (the whole is at least each part): compulsory ")
    assert "42.1% (July 2023; " in notes["ha-noi"] and "date uncertain)" in notes["ha-noi"]
    assert "47.62%" not in notes["ha-noi"] and "44.33%" not in notes["ha-noi"]
    assert notes["da-nang"] == ""   # its voluntary 2.12% is of the same day as its whole 43.22%, not newer
    assert notes["hai-phong"].startswith("Figures of its parts")
    assert "46% (November 2023;" in notes["hai-phong"] and "2.52% (November 2023;" in notes["hai-phong"]
    vietnamese = verdict_view(site, language("vi"), site.analysis.verdicts[("ha-noi", "bhxh")][0]).parts_note
    assert vietnamese.startswith("Số liệu mới hơn của các thành phần (tỷ lệ chung không thấp hơn từng thành phần): ")


def test_the_scorecard_carries_the_caveats_of_the_localities_it_compares():
    """The bundled scorecard compares Trà Vinh City (a district-level city, whose caveat localities.csv
    promises beside every comparison) with provinces; Hải Phòng's 2025 targets were set in March 2024,
    for the city before it took in Hải Dương on 1 July 2025."""
    import csv

    from sitegen.pages import scorecard
    from tests.helpers import REPO

    with open(REPO / "data" / "localities.csv", encoding="utf-8") as rows:
        caveat = next(r["caveat_en"] for r in csv.DictReader(rows) if r["id"] == "tra-vinh")
    site = site_data(check_data(REPO / "data"), {})
    english = language("en")
    notes = scorecard(site, english, site.charted_localities).notes
    assert caveat and caveat in notes
    reorganised = next(n for n in notes if n.startswith("Figures dated, and targets set, before 1 July 2025"))
    assert "Hai Phong" in reorganised and "Hanoi" not in reorganised
    assert scorecard(site, english, ["ha-noi"]).notes == []   # a locality's own page compares nothing


def test_viet_nam_s_2022_unemployment_insurance_target_is_not_met_on_another_base():
    """Its target is 15,210,000 people or 30% (observations.csv); the 2022 reading 31.18% gives no count
    (the source's '143 million' is a typo), the next comparable one, 14,690,000 or 31.58% (2023), is
    a share of 46.5 million, 8% below the target's 50.7 million: not 'met · firm', as it was."""
    from sitegen.wording import verdict_view
    from tests.helpers import REPO

    site = site_data(check_data(REPO / "data"), {})
    interim = next(v for v in site.analysis.verdicts[("vn", "bhtn")] if v.target.period == "2022")
    view = verdict_view(site, language("en"), interim)
    assert (interim.status, interim.reason) == ("insufficient", "other_base")
    assert "different bases" in view.badge and view.gap == ""
    assert "a share of about 50,700,000 people (its 15,210,000 people divided by its rate)" in view.basis
    assert "a share of about 46,500,000 people (going by the comparable reading 31.58% (2023;" in view.basis


def test_a_figure_on_another_denominator_is_warned_about_as_such(project):
    """The mini data's national voluntary BHXH of 2021 (2.96%) is flagged 'Different denominator' (a
    share of farmers and informal workers): the comparison's warning says it is another base, not a
    base merely worded differently."""
    text = build_and_read(project, "indicators/bhxh_voluntary.html")
    assert ("Một số số liệu là tỷ lệ trên một mẫu số khác với mẫu số của chỉ tiêu và không bao giờ được dùng "
            "để đối chiếu với mục tiêu: Việt Nam") in text
    assert "có mẫu số được ghi khác trong văn bản của chúng: Việt Nam" not in text


def test_viet_nam_s_2025_targets_show_no_gap_across_bases():
    """06/NQ-CP's 45% (BHXH) and 35% (BHTN) for 2025 are, in VSS's plan (observations.csv), 23.1 and
    18 million people: bases of 51.3 and 51.4 million, against 47.1 million (20.11 million or 42.71%,
    2024) and 46.5 million (14.69 million or 31.58%, 2023). The pages said '2.29 pp below the target'."""
    from datetime import date

    from sitegen.pages import scorecard
    from tests.helpers import REPO

    site = site_data(check_data(REPO / "data"), {}, date(2026, 12, 7))
    cells = {c.verdict.target.indicator: c.verdict for c in scorecard(site, language("en"), ["vn"]).rows[0].cells
             if c.verdict}
    for indicator, (target, reading) in {"bhxh": ("45%", "42.71%"), "bhtn": ("35%", "31.58%")}.items():
        view = cells[indicator]
        assert (view.status, view.gap, view.latest.value_label) == ("insufficient", "", reading)
        assert view.badge.startswith("not enough comparable data · different bases")
        assert f"the target {target} (2025; 06/NQ-CP, 10 January 2023) is a share of about 51," in view.basis


def test_a_document_read_only_through_a_report_is_cited_with_that_report():
    """sources.csv: the curators did not see Directive 31-CT/TU itself, only the report at its url on
    sotttt.haiphong.gov.vn (its note begins 'Chưa xem được toàn văn' / '… text was not seen:'); a
    citation must not pass the report off as the directive."""
    from sitegen.wording import document_citation
    from tests.helpers import REPO

    site = site_data(check_data(REPO / "data"), {})
    assert document_citation(site, language("en"), "hai-phong-31-ct-tu-2024") == (
        "31-CT/TU (Hai Phong City Party Committee Standing Board, 14 March 2024) as reported at sotttt.haiphong.gov.vn")
    assert document_citation(site, language("vi"), "hai-phong-31-ct-tu-2024").endswith(
        "qua bài đưa tin tại sotttt.haiphong.gov.vn")
    assert "reported" not in document_citation(site, language("en"), "da-nang-64-kh-ubnd-2021")   # its text was read
