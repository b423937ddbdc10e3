"""Writes the input files of the broken-input corpus from tests/fixtures/mini.

Each case is a folder holding only the files that differ from the mini project (same relative
paths), `expected.txt` (the exact stderr of `sitegen build`, written and checked by hand) and,
for a few cases, `args.txt` (extra command-line arguments), `exit_code` (when not 1) or
`setup.txt` (symlinks, FIFOs, folders, sparse and generated files, environment variables: see
tests/test_broken_inputs.py). The `expected-output/` of ok-* cases is written by hand too.
The inputs are generated so that binary ones (Latin-1, Windows-1258, BOM, NFD) are exact; the
expected messages are not generated. Run from the repository root:
    python tests/broken/make_cases.py
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
MINI = HERE.parent / "fixtures" / "mini"
OBS = "data/observations.csv"


def text(path: str) -> str:
    return (MINI / path).read_text(encoding="utf-8")


def edit(path: str, old: str, new: str) -> dict[str, bytes]:
    original = text(path)
    assert old in original, (path, old)
    return {path: original.replace(old, new, 1).encode("utf-8")}


def edits(path: str, *changes: tuple[str, str]) -> dict[str, bytes]:
    """Several edits of one file (a dict of single edits would keep only the last)."""
    content = text(path)
    for old, new in changes:
        assert old in content, (path, old)
        content = content.replace(old, new, 1)
    return {path: content.encode("utf-8")}


def append(path: str, lines: str) -> dict[str, bytes]:
    return {path: (text(path) + lines).encode("utf-8")}


def descriptor(change) -> dict[str, bytes]:
    """The mini datapackage.json after `change(resources by name)`."""
    package = json.loads(text("data/datapackage.json"))
    change({r["name"]: r for r in package["resources"]})
    return {"data/datapackage.json": (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}


def field(resource: dict, name: str) -> dict:
    return next(f for f in resource["schema"]["fields"] if f["name"] == name)


def header_only(path: str) -> dict[str, bytes]:
    return {path: text(path).split("\n", 1)[0].encode("utf-8") + b"\n"}


NFD_DA_NANG = unicodedata.normalize("NFD", "Đà Nẵng")
VI_HOME = "content/vi/home.md"


def theme_home(body: str) -> bytes:
    """An override of home.html whose content block holds `body` (on line 4)."""
    return ('{% extends "base.html" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n' + body
            + "\n{% endblock %}\n").encode("utf-8")
# The smallest PNG: one transparent pixel.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")
CASES: dict[str, dict[str, bytes]] = {
    "missing-file": {"data/sources.csv": None},
    "empty-file": {"data/indicators.csv": b""},
    "missing-column": edit(OBS, "locality,subdivision,indicator,period,kind,value,unit,qualifier,source,quote,note",
                           "locality,subdivision,indicator,period,kind,value,unit,qualifier,source,quote"),
    "renamed-column": edit(OBS, "kind,value,unit", "kind,valeur,unit"),
    "extra-column": edit("data/localities.csv", "caveat_en\n", "caveat_en,population\n"),
    "wrong-type-date": edit("data/sources.csv", "2021-04-12", "12/04/2021"),
    "wrong-type-boolean": edit("data/indicators.csv", "working-age labour force,percent,,true",
                               "working-age labour force,percent,,yes"),
    "decimal-comma": edit(OBS, "target,29.72,percent", 'target,"29,72",percent'),
    "thousands-dot-persons": edit(OBS, "target,17404,persons", "target,17.404,persons"),
    "thousands-dots": edit(OBS, "target,15647,persons", "target,15.647.000,persons"),
    "percent-sign": edit(OBS, "target,44.5,percent", "target,44.5%,percent"),
    "percent-over-100": edit(OBS, "da-nang,,bhyt,2025,target,99,", "da-nang,,bhyt,2025,target,109,"),
    "negative-count": edit(OBS, "target,1888,persons", "target,-1888,persons"),
    "unknown-locality": edit(OBS, "da-nang,,bhyt,2025", "danang,,bhyt,2025"),
    "unknown-indicator": edit(OBS, "da-nang,,bhyt,2025", "da-nang,,bhyt_total,2025"),
    "unknown-source": edit(OBS, "exact,dn-plan,đạt 99%", "exact,dn-plan-2,đạt 99%"),
    "unknown-parent": edit("data/localities.csv", "tra-vinh,thành phố Trà Vinh,Tra Vinh City,city,tra-vinh-province",
                           "tra-vinh,thành phố Trà Vinh,Tra Vinh City,city,vinh-long"),
    "duplicate-figure": {OBS: (text(OBS) + "da-nang,,bhxh,2021,target,41,percent,at_least,dn-plan,ít nhất 41%,\n")
                         .encode("utf-8")},
    "duplicate-id": {"data/sources.csv": (text("data/sources.csv")
                                          + "news,,news,Báo Khác,,2023-01-01,Tin khác,https://example.org/x,\n")
                     .encode("utf-8")},
    "bad-period-month": edit(OBS, "da-nang,,bhxh,2022-07-31", "da-nang,,bhxh,2022-13"),
    "bad-period-format": edit(OBS, "da-nang,,bhxh,2022-07-31", "da-nang,,bhxh,31/7/2022"),
    "bad-enum": edit(OBS, "2021,target,40,percent,at_least", "2021,target,40,percent,at least"),
    "bad-kind": edit(OBS, "vn,,bhxh,2025,target", "vn,,bhxh,2025,goal"),
    "missing-quote": edit(OBS, "dn-plan,đạt 99%,", "dn-plan,,"),
    "missing-value": edit(OBS, "vn,,bhxh,2021,target,35,", "vn,,bhxh,2021,target,,"),
    "javascript-url": edit("data/sources.csv", "https://example.org/nq28", "javascript:alert(1)"),
    "path-traversal-id": edit("data/localities.csv", "da-nang,Đà Nẵng", "../../x,Đà Nẵng"),
    "truncated-row": edit(OBS, "vn,,bhxh,2025,target,45,percent,about,nq28,khoảng 45%,", "vn,,bhxh,2025,target,45"),
    "unbalanced-quotes": edit(OBS, 'dn-plan,"ít nhất 44,5%",', 'dn-plan,"ít nhất 44,5%,'),
    "latin-1": {"data/localities.csv": text("data/localities.csv").replace("Đà Nẵng", "Da Nang")
                .replace("Việt Nam", "Viêt Nam").encode("latin-1", errors="replace")},
    "windows-1258": {"data/sources.csv": text("data/sources.csv").encode("cp1258", errors="replace")},
    "invalid-datapackage": {"data/datapackage.json": b'{"resources": [\n  {"name": "localities",}\n]}\n'},
    "datapackage-missing-resource": {"data/datapackage.json": b'{"resources": []}\n'},
    "front-matter-unclosed": {"content/vi/home.md": "---\ntitle: Trang chủ\n\nNội dung.\n".encode("utf-8")},
    "front-matter-invalid-yaml": {"content/vi/home.md":
                                  "---\ntitle: Trang chủ\nsummary: [không đóng\n---\nNội dung.\n".encode("utf-8")},
    "front-matter-not-a-mapping": {"content/en/home.md": b"---\n- just\n- a list\n---\nBody.\n"},
    "markdown-latin-1": {"content/en/home.md": "---\ntitle: Café\n---\nCafé.\n".encode("latin-1")},
    "template-undefined": {"theme/home.html": b'{% extends "base.html" %}\n{% block content %}\n'
                                              b'<h1>{{ page.title }}</h1>\n<p>{{ no_such_value }}</p>\n'
                                              b'{% endblock %}\n'},
    "template-syntax": {"theme/home.html": b'{% extends "base.html" %}\n{% block content %}\n'
                                           b'<h1>{{ page.title }</h1>\n{% endblock %}\n'},
    "data-and-content-errors": {**edit(OBS, "target,29.72,percent", 'target,"29,72",percent'),
                                "content/vi/home.md": "---\ntitle: Trang chủ\n\nNội dung.\n".encode("utf-8")},
    "bad-base-url": {},
    "out-is-project-root": {},
    "bad-period-day": edit(OBS, "da-nang,,bhxh,2022-07-31", "da-nang,,bhxh,2022-02-30"),
    "duplicate-column": edit(OBS, "source,quote,note\n", "source,quote,quote\n"),
    "header-only-blank-lines": {OBS: b"\n\n\n"},
    "datapackage-not-object": {"data/datapackage.json": b"[]\n"},
    "templates-folder-missing": {},
    "bad-usage-unknown-option": {},
    "markdown-windows-1258": {"content/vi/home.md": text("content/vi/home.md").encode("cp1258", errors="replace")},
    # Numbers: only ASCII digits; whole numbers exact up to 30 digits, decimals up to 15 significant digits.
    "number-arabic-indic-digits": edit(OBS, "vn,,bhxh,2021,target,35,", "vn,,bhxh,2021,target,٣٥,"),
    "number-fullwidth-digits": edit(OBS, "da-nang,,bhxh,2021,target,40,", "da-nang,,bhxh,2021,target,４０,"),
    "number-devanagari-digits": edit(OBS, "da-nang,,bhxh,2025,target,50,", "da-nang,,bhxh,2025,target,५०,"),
    "period-arabic-indic-digits": edit(OBS, "vn,,bhxh,2025,target", "vn,,bhxh,٢٠٢٥,target"),
    "period-year-zero": edit(OBS, "vn,,bhxh,2025,target", "vn,,bhxh,0000,target"),
    "count-of-400-digits": edit(OBS, "target,17404,persons", "target," + "1" * 400 + ",persons"),
    "decimal-of-16-digits": edit(OBS, "target,29.72,percent", "target,29.72000000000001,percent"),
    "ok-count-of-21-digits": append(OBS, "vn,,bhxh,2024,actual,123456789012345678901,persons,exact,news2,"
                                         "123.456.789.012.345.678.901 người,\n"),
    "ok-count-of-30-digits": append(OBS, "vn,,bhxh,2024,actual,999999999999999999999999999999,persons,exact,news2,"
                                         "q,\n"),
    "duplicate-display-names": append("data/localities.csv",
                                      f"da-nang-2,{NFD_DA_NANG},da  nang,municipality,vn,,,false,,\n"),
    # Files that resolve outside their folder, or are not regular files, or are too large.
    "symlink-data-outside": {"secret/sources.csv": text("data/sources.csv").encode("utf-8")},
    "symlink-methodology-to-etc-passwd": {},
    "symlink-commentary-to-secret": {"secret.md": b"---\ntitle: Secret\n---\nThe password is hunter2.\n"},
    "ok-symlink-inside-data": {"data/sources-2024.csv": text("data/sources.csv").encode("utf-8")},
    "fifo-as-observations": {},
    "folder-as-sources": {},
    "csv-over-64-mib": {},
    "cell-over-10000-characters": edit(OBS, "dn-plan,đạt 99%,", "dn-plan,@@QUOTE@@,"),
    "cell-of-1-mib": edit(OBS, "dn-plan,đạt 99%,", 'dn-plan,"@@QUOTE@@",'),
    "over-100000-rows": append(OBS, "@@ROWS@@"),
    # Whatever datapackage.json says, the code's rules hold; a descriptor of the wrong shape is an error.
    "descriptor-url-pattern-removed": {**descriptor(lambda r: field(r["sources"], "url").pop("constraints")),
                                       **edit("data/sources.csv", "https://example.org/nq28", "javascript:alert(1)")},
    "descriptor-id-pattern-removed": {**descriptor(lambda r: field(r["localities"], "id")["constraints"].pop("pattern")),
                                      **edit("data/localities.csv", "tra-vinh-province,", "../../x,")},
    "descriptor-enum-removed": {**descriptor(lambda r: field(r["observations"], "kind").pop("constraints")),
                                **edit(OBS, "vn,,bhxh,2025,target", "vn,,bhxh,2025,goal")},
    "descriptor-required-removed": {**descriptor(lambda r: field(r["observations"], "quote").pop("constraints")),
                                    **edit(OBS, "dn-plan,đạt 99%,", "dn-plan,,")},
    "descriptor-primary-key-missing-field": descriptor(
        lambda r: r["localities"]["schema"].update(primaryKey=["id", "population"])),
    "descriptor-foreign-key-without-reference": descriptor(
        lambda r: r["localities"]["schema"]["foreignKeys"][0].pop("reference")),
    "descriptor-enum-mixed-types": descriptor(
        lambda r: field(r["observations"], "qualifier")["constraints"].update(enum=["at_least", 1, None])),
    "descriptor-value-as-string": descriptor(lambda r: field(r["observations"], "value").update(type="string")),
    "descriptor-field-described-twice": descriptor(
        lambda r: r["observations"]["schema"]["fields"].append({"name": "note", "type": "string"})),
    "descriptor-field-named-like-sitegens-own": descriptor(
        lambda r: r["sources"]["schema"]["fields"].append({"name": "_line", "type": "string"})),
    "descriptor-other-path": descriptor(lambda r: r["observations"].update(path="obs.csv")),
    "descriptor-nested-too-deeply": {"data/datapackage.json": b"@@NEST@@\n"},
    "descriptor-catastrophic-pattern": {
        **descriptor(lambda r: field(r["observations"], "quote")["constraints"].update(pattern="(a|aa)+")),
        **edit(OBS, "dn-plan,đạt 99%,", "dn-plan," + "a" * 60 + "!,")},
    "locality-id-too-long": append("data/localities.csv", "a" * 65 + ",Tỉnh Dài,Long Province,province,vn,,,false,,\n"),
    "ok-https-in-capitals": edit("data/sources.csv", "https://example.org/nq28", "HTTPS://EXAMPLE.ORG/NQ28"),
    # Quietly accepted before: control characters, cycles, a file with only its header.
    "nul-in-quoted-cell": edit(OBS, 'dn-plan,"ít nhất 44,5%",', 'dn-plan,"ít nhất\x00 44,5%",'),
    "escape-sequence-in-cell": edit("data/localities.csv", "da-nang,Đà Nẵng,", "da-nang,Đà Nẵng\x1b[2J,"),
    "escape-sequence-in-option": {},
    "parent-cycle": edit("data/localities.csv", "vn,Việt Nam,Viet Nam,country,,", "vn,Việt Nam,Viet Nam,country,tra-vinh,"),
    "part-of-itself": edit("data/indicators.csv", "working-age labour force,percent,,true",
                           "working-age labour force,percent,bhxh,true"),
    "header-only-observations": header_only(OBS),
    # Chart ids start with their page's kind: a locality called 'home' or 'indicator' takes no other page's CSV.
    "ok-localities-named-home-and-indicator": {
        **append("data/localities.csv", "home,Tỉnh Nhà,Home Province,province,vn,,,false,,\n"
                                        "indicator,Tỉnh Chỉ Số,Indicator Province,province,vn,,,false,,\n"),
        **append(OBS, "home,,bhxh,2025,target,60,percent,at_least,nq28,ít nhất 60%,\n"
                      "indicator,,bhxh,2025,target,70,percent,at_least,nq28,ít nhất 70%,\n")},
    # Text a spreadsheet would run as a formula: published with a ' in front, with a warning.
    "ok-formula-cells": {
        **edit("data/localities.csv", "da-nang,Đà Nẵng,Da Nang,", "da-nang,-Đà Nẵng,+Da Nang,"),
        **edits(OBS, ("dn-plan,đạt 99%,", 'dn-plan,"=HYPERLINK(""https://evil.example/"",""99%"")",'),
                ("tra-vinh,Phường 1,", "tra-vinh,@Phường 1,"),
                ("exact,news2,đạt 25%,Uncertain date", "exact,news2,đạt 25%,\tUncertain date"))},
    # Markdown: no request leaves the site, every file is bounded, front matter is 'key: value' text.
    "markdown-image-on-another-host": {VI_HOME: (text(VI_HOME) + "\n![Logo](https://evil.example/pixel.png)\n")
                                       .encode("utf-8")},
    "markdown-image-protocol-relative": {VI_HOME: (text(VI_HOME) + "\n![](//evil.example/pixel.png)\n").encode("utf-8")},
    "markdown-image-backslash-host": {VI_HOME: (text(VI_HOME) + "\n![](/\\evil.example/pixel.png)\n").encode("utf-8")},
    "markdown-image-swallows-paragraph": {VI_HOME: (text(VI_HOME) + '\n![](x" onerror="alert(1)) and the rest of the '
                                                    "paragraph.\n").encode("utf-8")},
    "markdown-image-missing": {VI_HOME: (text(VI_HOME) + "\n![Biểu đồ](img/none.png)\n").encode("utf-8")},
    "markdown-image-not-an-image": {VI_HOME: (text(VI_HOME) + "\n![](notes.txt)\n").encode("utf-8"),
                                    "content/vi/notes.txt": b"notes\n"},
    "ok-markdown-local-image": {
        "content/vi/localities/da-nang.md": (text("content/vi/localities/da-nang.md")
                                             + "\n![Biểu đồ](img/chart.png)\n\n[BHXH Việt Nam](https://vss.gov.vn/)\n")
        .encode("utf-8"),
        "content/vi/localities/img/chart.png": PNG},
    "markdown-50000-brackets": {VI_HOME: (text(VI_HOME) + "\n@@BRACKETS@@\n").encode("utf-8")},
    "markdown-list-nested-1000-deep": {VI_HOME: (text(VI_HOME) + "\n" + "- " * 1000 + "x\n").encode("utf-8")},
    "markdown-over-256-kib": {},
    "markdown-escape-sequence": {VI_HOME: (text(VI_HOME) + "\nXin chào\x1b]8;;https://evil.example\x07\n")
                                 .encode("utf-8")},
    "front-matter-alias-bomb": {"content/en/home.md": (
        "---\ntitle: &a [x, x, x, x, x, x, x, x, x]\nsummary: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "note: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nBody.\n").encode("utf-8")},
    "front-matter-title-a-list": {"content/en/home.md": b"---\ntitle: [Home, Page]\n---\nBody.\n"},
    "front-matter-nested-1000-deep": {"content/en/home.md": ("---\ntitle: " + "[" * 1000 + "]" * 1000
                                                             + "\n---\nBody.\n").encode("utf-8")},
    "ok-front-matter-5000-digit-title": {"content/en/home.md": ("---\ntitle: " + "7" * 5000 + "\n---\nBody.\n")
                                         .encode("utf-8")},
    # Templates: read like every input, sandboxed, and whatever goes wrong is one line with file and line.
    "template-not-utf-8": {"theme/home.html": '{% extends "base.html" %}\n{% block content %}\n<h1>Café</h1>\n'
                                               '{% endblock %}\n'.encode("latin-1")},
    "template-divides-by-zero": {"theme/home.html": theme_home("<p>{{ page.title|length / 0 }}</p>")},
    "template-recurses-forever": {"theme/home.html": theme_home(
        "{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}\n{{ again(0) }}")},
    "template-reaches-python-internals": {"theme/home.html": theme_home(
        "{{ cycler.__init__.__globals__.os.system('touch pwned') }}")},
    "template-extends-a-missing-template": {"theme/home.html": b'{% extends "nowhere.html" %}\n'},
    "template-symlink-to-etc-passwd": {"theme/README.txt": b"overrides\n"},
    "template-fifo": {"theme/README.txt": b"overrides\n"},
    # The environment and the output folder.
    "source-date-epoch-absurd": {},
    "source-date-epoch-not-ascii": {},
    "out-is-a-file": {"notes.txt": b"not a folder\n"},
    "out-locked-by-another-build": {},
    # These must pass: files saved by Excel, and text typed with combining accents.
    "ok-bom-crlf": {path: b"\xef\xbb\xbf" + text(path).replace("\n", "\r\n").encode("utf-8")
                    for path in ("data/localities.csv", OBS)},
    # A figure with more decimals than any table shows (the metrics round it) must still build.
    "ok-actual-four-decimals": edit(OBS, "actual,43.22,percent", "actual,43.2215,percent"),
    "ok-nfd": {path: unicodedata.normalize("NFD", text(path)).encode("utf-8")
               for path in ("data/localities.csv", OBS, "content/vi/localities/da-nang.md")},
}
ARGS = {"template-undefined": "--templates theme", "template-syntax": "--templates theme",
        **{name: "--templates theme" for name in CASES if name.startswith("template-") and "folder" not in name},
        "bad-base-url": "--base-url ftp://example.org/site", "out-is-project-root": "--out .",
        "templates-folder-missing": "--templates nowhere", "bad-usage-unknown-option": "--bogus",
        "escape-sequence-in-option": "--base-url '\x1b[31mhttps://example.org/'", "out-is-a-file": "--out notes.txt"}
SETUP = {
    "symlink-data-outside": "link data/sources.csv ../secret/sources.csv",
    "symlink-methodology-to-etc-passwd": "link content/vi/methodology.md /etc/passwd",
    "symlink-commentary-to-secret": "link content/vi/localities/da-nang.md ../../../secret.md",
    "ok-symlink-inside-data": "link data/sources.csv sources-2024.csv",
    "fifo-as-observations": "fifo data/observations.csv",
    "folder-as-sources": "folder data/sources.csv",
    "csv-over-64-mib": f"sparse data/observations.csv {64 * 1024 * 1024 + 1}",
    "cell-over-10000-characters": "expand data/observations.csv @@QUOTE@@ 10001 x",
    "cell-of-1-mib": f"expand data/observations.csv @@QUOTE@@ {1024 * 1024} x",
    "over-100000-rows": "expand data/observations.csv @@ROWS@@ 100001 vn,,bhxh,2030,target,1,percent,exact,nq28,q,\\n",
    "descriptor-nested-too-deeply": "expand data/datapackage.json @@NEST@@ 100000 [",
    "markdown-50000-brackets": "expand content/vi/home.md @@BRACKETS@@ 50000 [",
    "markdown-over-256-kib": f"sparse content/vi/home.md {256 * 1024 + 1}",
    "template-symlink-to-etc-passwd": "link theme/home.html /etc/passwd",
    "template-fifo": "fifo theme/home.html",
    "source-date-epoch-absurd": "env SOURCE_DATE_EPOCH 99999999999999999999",
    "source-date-epoch-not-ascii": "env SOURCE_DATE_EPOCH ١٧٠٠٠٠٠٠٠٠",
    "out-locked-by-another-build": "locked 0.5",
}


def main() -> None:
    for name, files in CASES.items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        for relative, content in files.items():
            target = folder / relative
            if content is None:
                (folder / "deleted.txt").write_text(relative + "\n", encoding="utf-8")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if name.startswith("ok-") or name == "bad-usage-unknown-option":
            (folder / "exit_code").write_text("0\n" if name.startswith("ok-") else "2\n", encoding="utf-8")
        if name in ARGS:
            (folder / "args.txt").write_text(ARGS[name] + "\n", encoding="utf-8")
        if name in SETUP:
            (folder / "setup.txt").write_text(SETUP[name] + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
