"""The data changelog: changes.html and feed.xml from the git history of data/, on a repository the
test makes commit by commit with fixed dates (so the expected output is exact)."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import history
from sitegen.cli import main
from tests.helpers import FIXTURES, append_line, replace_line

ATOM = "{http://www.w3.org/2005/Atom}"
KEY = ["locality", "subdivision", "indicator", "period", "kind", "unit", "source"]
NEW_ROW = "da-nang,,bhxh,2024,target,47,percent,at_least,dn-plan,ít nhất 47%,,"
REMOVED_ROW = "da-nang,,satisfaction,2022-07-31,actual,86.2,percent,exact,news,\"đạt 86,2%\",,"


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "c@example.org",
           "GIT_COMMITTER_NAME": "Curator", "GIT_COMMITTER_EMAIL": "c@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(root), *args], env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch) -> tuple[Path, list[str]]:
    """The mini project in a git repository of four commits; returns it and the commit hashes, oldest first."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", root)
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data", "content")
    git(root, "commit", "-qm", "Initial data", date="2026-01-05T09:00:00+07:00")
    observations = root / "data" / "observations.csv"
    replace_line(observations, "da-nang,,bhyt,2025,target,99,percent,exact,dn-plan,đạt 99%,,",
                 "da-nang,,bhyt,2025,target,98,percent,exact,dn-plan,đạt 98%,,")
    replace_line(observations, REMOVED_ROW + "\n", "")
    append_line(observations, NEW_ROW)
    git(root, "commit", "-qam", "Đà Nẵng: the 2025 target as revised\n\nDetails in the body.",
        date="2026-02-10T15:30:00+07:00")
    append_line(root / "content" / "vi" / "home.md", "Thêm một câu.")
    git(root, "commit", "-qam", "Commentary only", date="2026-02-11T08:00:00+07:00")
    append_line(root / "data" / "sources.csv", "")
    git(root, "commit", "-qam", "Sources: a blank line", date="2026-03-01T12:00:00+07:00")
    return root, git(root, "log", "--format=%H").split()[::-1]


def build() -> None:
    result = CliRunner().invoke(main, ["build", "--base-url", "https://example.org/s/"])
    assert result.exit_code == 0, result.output


def test_the_history_reads_added_revised_and_removed_figures(repo):
    root, hashes = repo
    found = history.read_history(root / "data", KEY)
    assert found.notice is None and not found.more
    assert [(c.hash, c.date, c.subject) for c in found.commits] == [
        (hashes[3], "2026-03-01T12:00:00+07:00", "Sources: a blank line"),
        (hashes[1], "2026-02-10T15:30:00+07:00", "Đà Nẵng: the 2025 target as revised"),
        (hashes[0], "2026-01-05T09:00:00+07:00", "Initial data")]
    sources, revision, initial = found.commits
    assert sources.changes == [] and sources.other_files == ["sources.csv"]
    assert [(c.status, c.key["indicator"], c.key["period"]) for c in revision.changes] == [
        ("revised", "bhyt", "2025"), ("added", "bhxh", "2024"), ("removed", "satisfaction", "2022-07-31")]
    revised = revision.changes[0]
    assert (revised.old["value"], revised.new["value"], revised.new["quote"]) == ("99", "98", "đạt 98%")
    assert len(initial.changes) == 39 and {c.status for c in initial.changes} == {"added"}
    assert initial.other_files == ["datapackage.json", "indicators.csv", "localities.csv", "sources.csv"]


def test_the_changes_page_in_both_languages(repo):
    root, hashes = repo
    build()
    page = (root / "output" / "changes.html").read_text(encoding="utf-8")
    short = hashes[1][:7]
    # the heading in the page's language, the curator's message (here in English) beneath it
    assert (f'<h2 id="commit-{short}-title"><time datetime="2026-02-10T15:30:00+07:00">10/02/2026</time>: '
            "Thêm 1 số liệu, sửa 1 số liệu, xóa 1 số liệu.</h2>\n"
            '<p class="commit-message">Đà Nẵng: the 2025 target as revised</p>') in page
    assert ('<tr class="change-revised"><td>đã sửa (trích dẫn)</td><td>Đà Nẵng</td><td>Bảo hiểm y tế</td>'
            "<td>2025</td><td>mục tiêu</td><td>99%</td><td>98%</td>") in page
    assert '<tr class="change-added"><td>thêm mới</td><td>Đà Nẵng</td>' in page
    assert "<td>—</td><td>ít nhất 47%</td>" in page and "</time>: Thêm 39 số liệu.</h2>" in page
    assert "</time>: Không có số liệu nào thay đổi.</h2>" in page and "<p>Các tệp khác được thay đổi: sources.csv." in page
    assert "Commentary only" not in page
    english = (root / "output" / "en" / "changes.html").read_text(encoding="utf-8")
    assert "</time>: 1 figure added, 1 figure revised, 1 figure removed.</h2>" in english
    assert "39 figures added" in english and "10 February 2026" in english
    assert 'href="changes.html">' in (root / "output" / "data.html").read_text(encoding="utf-8")
    assert 'href="../changes.html">' in (root / "output" / "localities" / "da-nang.html").read_text(encoding="utf-8")


def test_the_feed_is_atom_newest_first_and_never_depends_on_the_build_time(repo, monkeypatch):
    root, hashes = repo
    build()
    feed = (root / "output" / "feed.xml").read_bytes()
    tree = ET.fromstring(feed)
    assert tree.find(f"{ATOM}id").text == "https://example.org/s/feed.xml"
    assert tree.find(f"{ATOM}updated").text == "2026-03-01T12:00:00+07:00"
    entries = tree.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == [f"urn:sitegen:commit:{hashes[i]}:vi" for i in (3, 1, 0)]
    assert [e.find(f"{ATOM}updated").text for e in entries] == [
        "2026-03-01T12:00:00+07:00", "2026-02-10T15:30:00+07:00", "2026-01-05T09:00:00+07:00"]
    assert entries[1].find(f"{ATOM}link").get("href") == f"changes.html#commit-{hashes[1][:7]}"
    content = entries[1].find(f"{ATOM}content").text   # HTML, escaped once in the XML
    # what else changed stays beside the status, as on the page: a note-only revision is no new value
    assert ("<p>Thêm 1 số liệu, sửa 1 số liệu, xóa 1 số liệu.</p><ul><li>đã sửa (trích dẫn): Đà Nẵng, Bảo hiểm y tế, "
            "mục tiêu 2025: 99% → 98% (") in content
    en = ET.fromstring((root / "output" / "en" / "feed.xml").read_bytes())
    assert en.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")   # a build on another day
    build()
    assert (root / "output" / "feed.xml").read_bytes() == feed
    assert "feed.xml" not in (root / "output" / "sitemap.xml").read_text(encoding="utf-8")


def test_only_the_last_commits_are_shown(repo, monkeypatch):
    root, hashes = repo
    monkeypatch.setattr(history, "LIMIT", 2)
    build()
    page = (root / "output" / "en" / "changes.html").read_text(encoding="utf-8")
    assert page.count('<section class="change"') == 2 and "Initial data" not in page
    assert "Only the last 2 commits that changed the data are shown." in page


def test_without_a_repository_or_with_a_shallow_clone_a_notice(repo, tmp_path, monkeypatch):
    root, _ = repo
    shutil.rmtree(root / ".git")
    build()
    assert ("the data folder this site was built from is not in a git repository."
            in (root / "output" / "en" / "changes.html").read_text(encoding="utf-8"))
    assert ET.fromstring((root / "output" / "feed.xml").read_bytes()).findall(f"{ATOM}entry") == []


def test_a_shallow_clone_says_so(repo, tmp_path, monkeypatch):
    root, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    build()
    page = (clone / "output" / "en" / "changes.html").read_text(encoding="utf-8")
    assert "built from a shallow clone" in page and "fetch-depth: 0" in page
    assert '<section class="change"' not in page
