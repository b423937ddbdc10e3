"""Valid HTML: every page of the bundled site and of the mini project, in both languages, passes the
Nu HTML Checker (vnu-jar from npm, run with Java) with no error and no warning.

One JVM checks every page at once (starting Java per page would cost seconds each). A canary page
with a known error is checked in the same run, so a checker that ran but reported nothing (a changed
output format, output on the wrong stream) cannot pass for a clean site. Only HTML pages are checked:
the Vega bundle, the CSVs and the sitemap are not.

Marked `browser` like the other tests that need tools from outside PyPI (`scripts/test` installs
Java from Debian and vnu-jar from npm): skipped when they are missing, failed under CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from sitegen.build import build_site
from sitegen.config import SiteConfig
from tests.helpers import FIXTURES, REPO, build_bundled

pytestmark = pytest.mark.browser

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CANARY = "<!DOCTYPE html><html lang=en><title>canary</title><p id=twice></p><p id=twice></p></html>"
CANARY_ERROR = "Duplicate ID “twice”."
# Accepted warnings, as (page relative to the checked folder, message): none today. An entry needs
# the reason it is kept beside it.
ACCEPTED: set[tuple[str, str]] = set()


def require_tools() -> str:
    java = shutil.which("java")
    if java and VNU.exists():
        return java
    message = f"needs java and {VNU.relative_to(REPO)} (scripts/test installs both)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def build_mini(root: Path, out: Path) -> None:
    """The mini fixture, with a base URL (absolute links, as the golden copy has them)."""
    shutil.copytree(FIXTURES / "mini", root)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        build_site(SiteConfig(out_dir=out, base_url="https://example.org/sitegen/"))
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[Path, list[dict]]:
    """(folder, vnu's messages) for every page of both builds and the canary page."""
    java = require_tools()
    folder = tmp_path_factory.mktemp("valid")
    build_bundled(folder / "bundled")
    build_mini(folder / "mini-project", folder / "mini")
    (folder / "canary.html").write_text(CANARY, encoding="utf-8")
    pages = sorted(str(p) for p in folder.rglob("*.html") if "mini-project" not in p.parts)
    # --no-langdetect: the checker guesses each page's language from a random sample of its text, and
    # on pages that quote commit subjects or source titles in their own language the guess flips from
    # run to run (changes.html came out English in 1 run of 12). Each page's lang is checked exactly
    # by tests/browser/test_site.py::test_language_attributes_and_switcher instead.
    run = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--stdout", "--no-langdetect", *pages],
                         capture_output=True, text=True, timeout=300)
    assert run.stdout.startswith("{"), f"vnu gave no JSON report (exit {run.returncode}):\n{run.stderr}"
    return folder, json.loads(run.stdout)["messages"]


def where(folder: Path, message: dict) -> str:
    """'bundled/en/index.html' for vnu's 'file:/tmp/…/valid0/bundled/en/index.html'."""
    path = Path(unquote(message.get("url", "?").removeprefix("file:")))
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


def problems(folder: Path, messages: list[dict]) -> list[str]:
    """Every error and warning (plain "info" notes are advice, not faults), as 'page:line: message'."""
    found = []
    for m in messages:
        if m["type"] == "info" and m.get("subType") != "warning":
            continue
        page = where(folder, m)
        if page == "canary.html" or (page, m["message"]) in ACCEPTED:
            continue
        kind = m.get("subType") or m["type"]
        extract = " ".join(m.get("extract", "").split())
        found.append(f"{page}:{m.get('lastLine', '?')}: {kind}: {m['message']}\n    {extract}")
    return found


def test_the_checker_reports_the_canary_error(checked):
    folder, messages = checked
    errors = [m["message"] for m in messages if where(folder, m) == "canary.html" and m["type"] == "error"]
    assert errors == [CANARY_ERROR]


def test_both_builds_have_pages_in_both_languages(checked):
    folder, _ = checked
    for build in ("bundled", "mini"):
        assert (folder / build / "index.html").exists() and (folder / build / "en" / "index.html").exists()
        assert len(list((folder / build).rglob("*.html"))) >= 20


def test_every_page_is_valid_html_without_warnings(checked):
    folder, messages = checked
    found = problems(folder, messages)
    assert not found, f"{len(found)} problems found by the Nu HTML Checker:\n" + "\n".join(found)
