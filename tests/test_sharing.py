"""Citations, permanent links and embeds: the citation text in both languages, the fact boxes'
stable anchors, the copied sentence that stands on its own, and the charts' embed pages (mini
fixture). The browser side (copying, scrolling, resizing the iframe) is in tests/browser."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.config import SiteConfig
from sitegen.i18n import language
from sitegen.wording import citation
from tests.helpers import chart_payload, replace_line

OBS = Path("data") / "observations.csv"
NEWS_ACTUAL = 'da-nang,,bhxh,2022-07-31,actual,43.22,percent,exact,news,"đạt 43,22%",,'
VOLUNTARY_TARGET = "tra-vinh,,bhxh_voluntary,2023,target,3,percent,exact,tv-plan,3% (1.757 người),,\n"
BASE = "https://example.org/sitegen/"


@pytest.fixture
def project(mini, monkeypatch) -> Path:
    """The mini project (conftest's `mini`), built without a fixed build date."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return mini


def built(page: str, base_url: str | None = None) -> str:
    build_site(SiteConfig(out_dir=Path("output"), base_url=base_url))
    return read(page)


def read(page: str) -> str:
    return (Path("output") / page).read_text(encoding="utf-8")


def factbox(markup: str, anchor: str) -> str:
    found = re.search(rf'<div class="factbox" id="{re.escape(anchor)}">.*?\n</div>', markup, re.S)
    assert found, f"no fact box #{anchor}"
    return found.group(0)


def copied(box: str, label: str) -> str:
    """What the button labelled `label` copies: its own text (data-copy-text)."""
    found = re.search(rf'data-copy-text="([^"]*)">{re.escape(label)}</button>', box)
    assert found, f"no button {label!r} with a text of its own"
    return html.unescape(found.group(1))


# ---------------------------------------------------------------- the citation text

def test_a_citation_in_vietnamese_names_sentence_source_address_and_data_date():
    text = citation(language("vi"), "Theo 64/KH-UBND, mục tiêu là ít nhất 50%.",
                    ["64/KH-UBND (UBND thành phố Đà Nẵng, 12/04/2021)"],
                    "https://example.org/localities/da-nang.html#fact-bhxh-target-2025", "31/08/2025", "Bao phủ BHXH")
    assert text == ("Theo 64/KH-UBND, mục tiêu là ít nhất 50%. Nguồn: 64/KH-UBND (UBND thành phố Đà Nẵng, 12/04/2021). "
                    "Bao phủ BHXH, https://example.org/localities/da-nang.html#fact-bhxh-target-2025 "
                    "(số liệu cập nhật đến 31/08/2025).")


def test_a_citation_in_english_counts_its_sources_and_ends_a_title_with_a_full_stop():
    text = citation(language("en"), "Chart: Social insurance coverage — Da Nang",
                    ["64/KH-UBND (Da Nang People's Committee, 04/12/2021)", "Báo Mẫu, “Tin mẫu” (08/15/2022)"],
                    "en/localities/da-nang.html#fig-locality-da-nang-bhxh", "8/31/2025", "Coverage")
    assert text == ("Chart: Social insurance coverage — Da Nang. Sources: 64/KH-UBND (Da Nang People's Committee, "
                    "04/12/2021); Báo Mẫu, “Tin mẫu” (08/15/2022). Coverage, "
                    "en/localities/da-nang.html#fig-locality-da-nang-bhxh (data as of 8/31/2025).")


def test_a_citation_without_a_data_date_leaves_the_date_out():
    text = citation(language("en"), "A sentence.", ["A document"], "x.html#a", "", "Site")
    assert text == "A sentence. Source: A document. Site, x.html#a."


# ---------------------------------------------------------------- fact boxes on the pages

def test_the_citation_of_a_fact_carries_its_document_its_address_and_the_footers_date(project):
    page = built("localities/da-nang.html")
    footer_date = re.search(r"Số liệu hoặc văn bản mới nhất: ([0-9/]+)\.", page).group(1)
    cited = copied(factbox(page, "fact-bhxh-actual-2022-07-31"), "Trích dẫn")
    assert cited.startswith("Theo Báo Mẫu, “Tin mẫu”, 15/08/2022, bảo hiểm xã hội của Đà Nẵng là 43,22% ")
    assert "Nguồn: Báo Mẫu, “Tin mẫu”, 15/08/2022." in cited
    assert cited.endswith(f"localities/da-nang.html#fact-bhxh-actual-2022-07-31 (số liệu cập nhật đến {footer_date}).")
    assert copied(factbox(page, "fact-bhxh-actual-2022-07-31"), "Sao chép liên kết") == \
        "localities/da-nang.html#fact-bhxh-actual-2022-07-31"
    # with --base-url, absolute; the English page cites in English
    english = built("en/localities/da-nang.html", BASE)
    box = factbox(english, "fact-bhxh-actual-2022-07-31")
    assert copied(box, "Link to this") == BASE + "en/localities/da-nang.html#fact-bhxh-actual-2022-07-31"
    assert "Source: Bao Mau, “Tin mẫu” (Sample news item), 15 August 2022." in copied(box, "Cite")
    assert copied(box, "Cite").endswith(f"{BASE}en/localities/da-nang.html#fact-bhxh-actual-2022-07-31 (data as of "
                                        f"{re.search(r'Newest figure or document: ([^.]+)', english).group(1)}).")


def test_a_verdict_is_cited_with_every_document_it_rests_on(project):
    page = built("localities/da-nang.html")
    cited = copied(factbox(page, "verdict-bhxh"), "Trích dẫn")
    assert "Nguồn: 64/KH-UBND (UBND thành phố Đà Nẵng, 12/04/2021); Báo Mẫu, “Tin mẫu”, 15/08/2022." in cited


def test_a_copied_flagged_sentence_carries_the_note_instead_of_pointing_to_the_table(project):
    replace_line(project / OBS, NEWS_ACTUAL, NEWS_ACTUAL + "Uncertain: equals the plan figure")
    page = built("localities/da-nang.html")
    box = factbox(page, "fact-bhxh-actual-2022-07-31")
    # on the page, the sentence points to the note in the table of figures beneath
    assert "Lưu ý: số liệu chưa chắc chắn; xem ghi chú trong bảng số liệu." in box
    sentence = copied(box, "Sao chép câu")
    assert sentence.endswith("(31/07/2022). Lưu ý: số liệu chưa chắc chắn (ghi chú của nhóm biên soạn, bằng tiếng "
                             "Anh: “Uncertain: equals the plan figure”).")
    assert "bảng" not in sentence
    assert copied(box, "Trích dẫn").startswith(sentence + " Nguồn: ")
    # an unflagged fact copies the sentence shown (the element's text)
    plain = factbox(page, "fact-bhxh-target-2025")
    assert 'data-copy="fact-bhxh-target-2025-sentence">Sao chép câu' in plain


def test_a_copied_flagged_sentence_quotes_the_note_in_the_pages_language_when_it_has_one(project):
    flagged = NEWS_ACTUAL[:-1] + "Chưa chắc chắn: bằng số của kế hoạch,Uncertain: equals the plan figure"
    replace_line(project / OBS, NEWS_ACTUAL, flagged)
    vietnamese = copied(factbox(built("localities/da-nang.html"), "fact-bhxh-actual-2022-07-31"), "Sao chép câu")
    assert vietnamese.endswith("(31/07/2022). Lưu ý: số liệu chưa chắc chắn (ghi chú của nhóm biên soạn: "
                               "“Chưa chắc chắn: bằng số của kế hoạch”).")
    english = copied(factbox(built("en/localities/da-nang.html"), "fact-bhxh-actual-2022-07-31"), "Copy sentence")
    assert english.endswith("(31 July 2022). Caution: uncertain figure (the curators' note: "
                            "“Uncertain: equals the plan figure”).")


def test_a_fact_keeps_its_anchor_when_another_fact_comes_before_it(project):
    """The anchor comes from the figure, not from the fact's place among the others."""
    replace_line(project / OBS, VOLUNTARY_TARGET, "")
    alone = built("localities/tra-vinh.html")
    anchors = re.findall(r'<div class="factbox" id="(fact-[^"]+)">\s*<p class="fact"[^>]*>[^<]*2,8%', alone)
    assert anchors == ["fact-bhxh_voluntary-actual-2022-12"]
    (project / OBS).write_text((project / OBS).read_text(encoding="utf-8") + VOLUNTARY_TARGET, encoding="utf-8")
    with_target = built("localities/tra-vinh.html")
    assert 'id="fact-bhxh_voluntary-target-2023"' in with_target
    assert re.findall(r'<div class="factbox" id="(fact-[^"]+)">\s*<p class="fact"[^>]*>[^<]*2,8%', with_target) == anchors


# ---------------------------------------------------------------- charts and their embed pages

def test_a_chart_offers_its_citation_its_link_and_its_embed_code(project):
    page = built("localities/da-nang.html", BASE)
    figure = page[page.index('<figure class="chart-block" id="fig-locality-da-nang-bhxh">'):]
    figure = figure[:figure.index("</figure>")]
    cited = copied(figure, "Trích dẫn")
    assert cited.startswith("Biểu đồ: Bảo hiểm xã hội — Đà Nẵng. Nguồn: ")
    assert "64/KH-UBND (UBND thành phố Đà Nẵng, 12/04/2021)" in cited and "“Tin mẫu”, 15/08/2022" in cited
    assert f"{BASE}localities/da-nang.html#fig-locality-da-nang-bhxh (số liệu cập nhật đến" in cited
    assert copied(figure, "Sao chép liên kết") == f"{BASE}localities/da-nang.html#fig-locality-da-nang-bhxh"
    # the Embed button carries the chart's embed page; the page's one snippet leaves it and the
    # title for site.js to fill in (tests/browser/test_sharing.py copies the filled code)
    assert f'data-embed="locality-da-nang-bhxh" data-embed-src="{BASE}embed/locality-da-nang-bhxh.html"' in figure
    snippet = html.unescape(re.search(r'<template id="embed-panel" data-snippet="([^"]*)"', page).group(1))
    assert snippet == ('<iframe src="{src}" title="{title}" width="100%" height="520" style="border:0" '
                       'loading="lazy" data-sitegen-embed></iframe>\n'
                       f'<script src="{BASE}assets/embed.js" async></script>')
    assert (Path("output") / "assets" / "embed.js").is_file()


def test_every_chart_has_an_embed_page_in_each_language_kept_out_of_the_sitemap(project):
    build_site(SiteConfig(out_dir=Path("output"), base_url=BASE))
    out = Path("output")
    for prefix in ("", "en/"):
        charts = {c for page in out.glob(f"{prefix}**/*.html") if "embed/" not in page.as_posix()
                  for c in re.findall(r'<figure class="chart-block" id="fig-([^"]+)"', page.read_text("utf-8"))}
        embeds = {p.stem for p in (out / prefix / "embed").glob("*.html")}
        assert charts and embeds == charts, prefix
    embed = read("en/embed/locality-da-nang-bhxh.html")
    assert '<meta name="robots" content="noindex">' in embed
    assert '<header' not in embed and '<footer' not in embed
    assert '<a href="../../en/localities/da-nang.html#fig-locality-da-nang-bhxh" target="_blank" rel="noopener">' in embed
    assert list(chart_payload(embed)["charts"]) == ["locality-da-nang-bhxh"]
    # the same data as the chart on its page
    page = chart_payload(read("en/localities/da-nang.html"))
    assert chart_payload(embed)["charts"]["locality-da-nang-bhxh"] == page["charts"]["locality-da-nang-bhxh"]
    assert "embed/" not in read("sitemap.xml")
