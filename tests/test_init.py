"""`sitegen init`: a starter project that checks and builds as it is, from files the package ships."""

from __future__ import annotations

import re

from click.testing import CliRunner

from sitegen import __version__
from sitegen.cli import main

STARTER_FILES = [
    ".github/workflows/pages.yml", ".github/workflows/pr.yml", ".gitignore", "README.md",
    "content/en/home.md", "content/en/methodology.md", "content/vi/home.md", "content/vi/methodology.md",
    "data/datapackage.json", "data/indicators.csv", "data/localities.csv", "data/observations.csv",
    "data/sources.csv", "requirements.txt", "sitegen.toml"]


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_init_then_check_and_build_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "site")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Created a sitegen project in site/ (15 files). Next: cd site && sitegen build, "
                             "or sitegen serve for a live preview.\n")
    project = tmp_path / "site"
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()) == STARTER_FILES
    assert f"made with sitegen {__version__}" in (project / "requirements.txt").read_text(encoding="utf-8")
    monkeypatch.chdir(project)
    check = run("check", "--strict")
    assert check.exit_code == 0, check.output
    assert check.stdout == "data: 8 figures OK, 0 consistency warning(s).\n" and check.stderr == ""
    build = run("build")
    assert build.exit_code == 0, build.output
    home = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "<title>Bao phủ bảo hiểm xã hội: mục tiêu và kết quả</title>" in home
    assert (project / "output" / "localities" / "da-nang.html").is_file()
    assert (project / "output" / "en" / "methodology.html").is_file()


def test_editing_the_title_changes_every_pages_title(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    toml = tmp_path / "sitegen.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("Social insurance coverage: targets and results",
                                                             "Our own title"), encoding="utf-8")
    assert run("build").exit_code == 0
    titles = {p.relative_to(tmp_path / "output").as_posix(): re.search(r"<title>(.*?)</title>", p.read_text(
        encoding="utf-8")).group(1) for p in (tmp_path / "output" / "en").rglob("*.html")}
    assert len(titles) >= 8
    assert all(t == "Our own title" or t.endswith(" · Our own title") for t in titles.values()), titles


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    result = run("init")
    assert result.exit_code == 1
    assert result.stderr == (".: is not empty (choose a new or empty folder: sitegen init DIR) [init-not-empty]\n"
                             "nothing was created.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
