"""Curators' notes and documents' names in each language: what each language's pages show, and
what `sitegen check` says when a translation is missing."""

import json

from click.testing import CliRunner

from sitegen.cli import main
from sitegen.history import figure_changes
from tests.helpers import REPO, replace_line

OBS = "data/observations.csv"
SOURCES = "data/sources.csv"
# Line 16 of the mini observations: a flagged figure with its note in both languages.
NOTED = ("da-nang,,bhyt,2023-03,actual,99.1,percent,exact,news2,\"đạt 99,1%\","
         "Mẫu số theo văn bản: dân số trừ lực lượng vũ trang.,Denominator as printed: dân số trừ lực lượng vũ trang.")


def run(*args):
    return CliRunner().invoke(main, list(args))


def built(mini, page: str) -> str:
    assert run("build", "--out", "output", "-q").exit_code == 0
    return (mini / "output" / page).read_text(encoding="utf-8")


def test_each_language_shows_its_own_note(mini):
    vietnamese = built(mini, "localities/da-nang.html")
    english = (mini / "output" / "en" / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert '<span class="note" lang="vi">Mẫu số theo văn bản: dân số trừ lực lượng vũ trang.</span>' in vietnamese
    assert "Denominator as printed" not in vietnamese
    assert '<span class="note" lang="en">Denominator as printed: dân số trừ lực lượng vũ trang.</span>' in english
    assert "Mẫu số theo văn bản" not in english
    # the flag is still read from the English note's first words, on both pages
    assert "base worded differently" in english and "mẫu số ghi khác" in vietnamese


def test_a_note_without_its_translation_shows_the_other_language_marked_as_such(mini):
    replace_line(mini / OBS, NOTED, NOTED.replace("Mẫu số theo văn bản: dân số trừ lực lượng vũ trang.", ""))
    vietnamese = built(mini, "localities/da-nang.html")
    assert '<span class="note" lang="en">Denominator as printed: dân số trừ lực lượng vũ trang.</span>' in vietnamese


def test_english_pages_cite_documents_in_english(mini):
    english = built(mini, "en/sources.html")
    vietnamese = (mini / "output" / "sources.html").read_text(encoding="utf-8")
    assert "<dt>Issuer</dt><dd>Da Nang People&#39;s Committee</dd>" in english
    assert '<h3><span lang="vi">Tin mẫu thứ hai</span> (Second sample news item)</h3>' in english
    assert '<dd><span lang="vi">Kế hoạch BHXH BHYT 2021-2025</span> (Social and health insurance plan 2021-2025)</dd>' \
        in english
    assert '<dt>Note</dt><dd lang="en">Publication date not known.</dd>' in english
    # Vietnamese pages keep the document's own words, and show no translation
    assert "<dt>Cơ quan ban hành</dt><dd>UBND thành phố Đà Nẵng</dd>" in vietnamese
    assert '<h3><span lang="vi">Tin mẫu thứ hai</span></h3>' in vietnamese
    assert "Second sample news item" not in vietnamese and "Da Nang People" not in vietnamese
    assert '<dt>Ghi chú</dt><dd lang="vi">Không rõ ngày đăng.</dd>' in vietnamese


def test_english_fact_sentences_and_labels_use_the_english_issuer_and_headline(mini):
    english = built(mini, "en/localities/da-nang.html")
    assert "According to 64/KH-UBND (Da Nang People&#39;s Committee, 12 April 2021)" in english
    assert "According to Bao Mau, “Tin mẫu” (Sample news item), 15 August 2022, Da Nang" in english
    assert "(31 July 2022; Bao Mau, 15 August 2022)" in english
    vietnamese = (mini / "output" / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert "Theo 64/KH-UBND (UBND thành phố Đà Nẵng, 12/04/2021)" in vietnamese
    assert "Theo Báo Mẫu, “Tin mẫu”, 15/08/2022, bảo hiểm" in vietnamese


def test_an_english_headline_is_shown_once(mini):
    replace_line(mini / SOURCES, "Báo Mẫu,Bao Mau,,2022-08-15,Tin mẫu,Sample news item,",
                 "Báo Mẫu,Bao Mau,,2022-08-15,Coverage rises,,")
    english = built(mini, "en/localities/da-nang.html")
    assert "According to Bao Mau, “Coverage rises”, 15 August 2022, Da Nang" in english


def test_check_warns_where_a_translation_is_missing(mini):
    replace_line(mini / OBS, NOTED, NOTED.replace("Mẫu số theo văn bản: dân số trừ lực lượng vũ trang.", ""))
    replace_line(mini / SOURCES, "UBND thành phố Đà Nẵng,Da Nang People's Committee,", "UBND thành phố Đà Nẵng,,")
    replace_line(mini / SOURCES, "Kế hoạch phát triển người tham gia 2023,\"Plan to develop participants, 2023\",",
                 "Kế hoạch phát triển người tham gia 2023,,")
    replace_line(mini / SOURCES, "Không rõ ngày đăng.,Publication date not known.", ",Publication date not known.")
    result = run("check")
    assert result.exit_code == 0   # a missing translation never blocks a build
    warnings = [line for line in result.stderr.splitlines() if "[missing-translation]" in line]
    assert warnings == [
        "data/sources.csv:2: column 'issuer_en': warning: 'issuer' is not in English and 'issuer_en' is empty: "
        "English pages show it untranslated (write its English rendering in 'issuer_en') [missing-translation]",
        "data/sources.csv:3: column 'title_en': warning: 'title' is not in English and 'title_en' is empty: "
        "English pages show it untranslated (write its English rendering in 'title_en') [missing-translation]",
        "data/sources.csv:6: column 'note_vi': warning: 'note_en' is filled but 'note_vi' is empty: "
        "Vietnamese pages show the text untranslated (write it in Vietnamese in 'note_vi') [missing-translation]",
        "data/observations.csv:16: column 'note_vi': warning: 'note_en' is filled but 'note_vi' is empty: "
        "Vietnamese pages show the text untranslated (write it in Vietnamese in 'note_vi') [missing-translation]",
    ]
    assert run("check", "--strict").exit_code == 1   # --strict makes every warning fail


def test_the_bundled_data_has_every_translation(monkeypatch):
    monkeypatch.chdir(REPO)
    result = run("check")
    assert result.exit_code == 0 and "missing-translation" not in result.stderr


def test_the_descriptors_describe_the_new_columns():
    for folder in (REPO / "data", REPO / "sitegen" / "starter" / "data", REPO / "tests" / "fixtures" / "mini" / "data"):
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in descriptor["resources"]}
        for resource, names in (("observations", ("note_vi", "note_en")),
                                ("sources", ("issuer_en", "title_en", "note_vi", "note_en"))):
            for name in names:
                assert fields[resource][name]["type"] == "string" and fields[resource][name]["description"]
            assert "note" not in fields[resource]


HEADER = "locality,subdivision,indicator,period,kind,value,unit,qualifier,source,quote"
KEY = ["locality", "subdivision", "indicator", "period", "kind", "unit", "source"]


def test_splitting_the_note_into_two_languages_revises_no_figure():
    before = f"{HEADER},note\nvn,,bhxh,2021,target,35,percent,about,s,q,Uncertain: x\n"
    after = f"{HEADER},note_vi,note_en\nvn,,bhxh,2021,target,35,percent,about,s,q,Chưa chắc chắn: x,Uncertain: x\n"
    assert figure_changes(before, after, KEY) == []
    revised = f"{HEADER},note_vi,note_en\nvn,,bhxh,2021,target,35,percent,about,s,q,Chưa chắc chắn: y,Uncertain: x\n"
    assert [c.status for c in figure_changes(after, revised, KEY)] == ["revised"]
