"""Golden output (pelican's tests/output/basic): the mini project, built with a base URL, compared
file by file with the committed copy in tests/golden/mini — every HTML page of both languages,
every derived and copied CSV, the sitemap, the stylesheet, script and icons. Only the Vega bundle
(vl-convert's, not ours) and its third-party notices are left out, and the social cards (PNGs drawn
by vl-convert) are compared by name and size. Nothing is normalised: the build is deterministic.

When the output changes on purpose, regenerate the copy with `scripts/test --update-golden`
(or `pytest tests/test_golden.py --update-golden`), read `git diff tests/golden` line by line,
and commit it with the change that caused it.

The fixture covers every page type, every status and reason, every flag, the ward table, every
consistency check and the league tables. `scripts/mutation-check` makes ten deliberate edits to
visible output, one at a time, and this test must fail for each: the qualifier caveat removed,
the city caveat removed, the pace league table emptied, "sum" and "total" swapped in the ward
warning, the verdict badges dropped from the table of contents, two palette colours swapped, the
methodology's flag list removed, the flag caution dropped from fact sentences, the target
precedence reversed, and the "uncertain figure" note dropped from a verdict's basis.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.config import SiteConfig
from tests.helpers import FIXTURES

GOLDEN = Path(__file__).parent / "golden" / "mini"
BASE_URL = "https://example.org/sitegen/"
SHOWN_FILES = 5        # differing files shown in full detail
CONTEXT = 2            # lines of context around each difference
WINDOW = 160           # characters shown around the first difference of a long line


def compared_files(folder: Path) -> dict[str, bytes]:
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
             if p.is_file() and not (p.parent.name == "assets" and p.name.startswith(LEFT_OUT))
             and not (p.parent.name == "cards" and p.suffix == ".png")}
    cards = sorted((folder / "cards").glob("*.png"))
    if cards:   # a build: its cards listed; the golden copy holds that list only
        files[CARD_LIST] = "".join(f"{p.name} {card_size(p)}\n" for p in cards).encode()
    return files


# The social cards are vl-convert's drawing (its version and the fonts change the pixels): they are
# compared by name and size, listed in cards/LIST.txt; tests/test_previews.py checks what they hold.
CARD_LIST = "cards/LIST.txt"


def card_size(path: Path) -> str:
    header = path.read_bytes()[:24]
    return f"{int.from_bytes(header[16:20], 'big')}x{int.from_bytes(header[20:24], 'big')}" \
        if header[:8] == b"\x89PNG\r\n\x1a\n" else "not-a-png"


# vl-convert's bundle and its licences, copied as they are: not the templates' or the pages' output
LEFT_OUT = ("vega-", "THIRD-PARTY-NOTICES")


def clip(line: str, other: str) -> str:
    """A long line (a chart spec) shown around its first difference with `other`."""
    if len(line) <= 2 * WINDOW:
        return line
    at = next((i for i, (a, b) in enumerate(zip(line, other)) if a != b), min(len(line), len(other)))
    start = max(0, at - WINDOW // 2)
    return ("…" if start else "") + line[start:start + WINDOW] + "…"


def readable_diff(path: str, expected: bytes, actual: bytes) -> str:
    try:
        old, new = expected.decode("utf-8").splitlines(), actual.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"{path}: binary content differs"
    lines = []
    for group in difflib.SequenceMatcher(None, old, new).get_grouped_opcodes(CONTEXT):
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [f"  {clip(x, x)}" for x in old[i1:i2]]
                continue
            before, after = old[i1:i2], new[j1:j2]
            lines += [f"- {clip(x, after[k] if k < len(after) else '')}" for k, x in enumerate(before)]
            lines += [f"+ {clip(x, before[k] if k < len(before) else '')}" for k, x in enumerate(after)]
        lines.append("  ⋯")
    return f"--- tests/golden/mini/{path}\n+++ built now\n" + "\n".join(lines[:60])


def build_mini(root: Path, monkeypatch) -> Path:
    project = root / "project"
    shutil.copytree(FIXTURES / "mini", project)
    monkeypatch.chdir(project)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(SiteConfig(out_dir=Path("output"), base_url=BASE_URL))
    return project / "output"


def test_the_mini_site_matches_its_golden_copy(tmp_path, monkeypatch, request):
    built = compared_files(build_mini(tmp_path, monkeypatch))
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, content in built.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_bytes(content)
        pytest.skip("rewrote tests/golden/mini: read `git diff tests/golden` before committing it")
    golden = compared_files(GOLDEN)
    missing, extra = sorted(set(golden) - set(built)), sorted(set(built) - set(golden))
    changed = [p for p in sorted(set(golden) & set(built)) if golden[p] != built[p]]
    report = [f"missing from the build: {p}" for p in missing] + [f"new in the build: {p}" for p in extra]
    report += [readable_diff(p, golden[p], built[p]) for p in changed[:SHOWN_FILES]]
    if len(changed) > SHOWN_FILES:
        report.append(f"… and {len(changed) - SHOWN_FILES} more changed files: {', '.join(changed[SHOWN_FILES:])}")
    assert not report, ("The built mini site differs from tests/golden/mini. If the change is intended, run "
                        "`scripts/test --update-golden` and read `git diff tests/golden` before committing.\n\n"
                        + "\n\n".join(report))


def test_the_golden_copy_covers_what_readers_see():
    """The fixture must keep showing every kind of thing this test is meant to watch."""
    pages = {p: (GOLDEN / p).read_text(encoding="utf-8") for p in ("localities/da-nang.html",
             "localities/tra-vinh.html", "localities/vn.html", "compare.html", "methodology.html")}
    everything = "".join(pages.values())
    for status in ("met", "missed", "on_track", "off_track", "insufficient", "no_actual"):
        assert f'class="badge status-{status}' in everything, status
    for grade in ("firm", "indicative", "insufficient"):
        assert f" grade-{grade}\"" in everything, grade
    for flag in ("uncertain", "uncertain_date", "background", "other_denominator", "denominator_wording"):
        assert f"flag-{flag}" in everything, flag
    for code in ("subdivision-sum", "part-sum", "denominator-mismatch", "target-disagreement"):
        assert f"<code>{code}</code>" in everything, code
    assert 'class="figures subdivisions"' in pages["localities/tra-vinh.html"]
    assert 'id="scorecard"' in pages["compare.html"] and "<caption>Tốc độ theo kế hoạch" in pages["compare.html"]
    assert "(số liệu trước thời hạn, chưa phải kết luận)" in pages["localities/vn.html"]   # a reading, not a verdict
    assert "chỉ có số người (chưa công bố tỷ lệ)" in pages["localities/tra-vinh.html"]
    for page in ("index.html", "sources.html", "data.html", "404.html", "indicators/bhyt.html",
                 "indicators/satisfaction.html", "sitemap.xml", "data/figures.csv", "data/checks.csv",
                 "data/metrics.csv", "data/verdicts.csv", "en/index.html"):
        assert (GOLDEN / page).is_file(), page


def test_every_mutation_of_the_mutation_check_still_applies():
    """scripts/mutation-check proves this test watches what readers see only while each of its
    edits still finds its text; a refactor that moves the text must move the edit with it."""
    import runpy
    script = Path(__file__).parent.parent / "scripts" / "mutation-check"
    mutations = runpy.run_path(str(script), run_name="mutation_check")["MUTATIONS"]
    assert len(mutations) == 10
    for what, path, before, _after in mutations:
        text = (script.parent.parent / path).read_text(encoding="utf-8")
        assert before in text, f"{what}: the text to edit is no longer in {path}"
