"""The broken-input corpus (tests/broken/): each case gives its exact messages, exit code 1
(0 for the ok-* cases), no traceback, and leaves an existing output/ byte-for-byte unchanged.

A case folder holds the files that differ from tests/fixtures/mini and, besides `expected.txt`:
`args.txt` (more arguments), `exit_code` (when not 1), `deleted.txt` (files to delete),
`setup.txt` (what files cannot carry, one directive a line: `link PATH TARGET`, `fifo PATH`,
`folder PATH` (a folder in place of a file), `sparse PATH BYTES`, `expand PATH MARKER COUNT TEXT`
(MARKER replaced by COUNT times TEXT, where \\n is a line break), `env NAME VALUE`, `locked
SECONDS` (another build holds the lock of output/ and a build waits SECONDS for it)), and for
an ok-* case `expected-output/`, files the new site must hold byte for byte (and, if present,
`expected.txt`: its warnings)."""

import fcntl
import hashlib
import os
import shlex
import shutil
from contextlib import ExitStack
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import limits
from sitegen.cli import main
from tests.helpers import FIXTURES

CORPUS = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("__"))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


CASE_FILES = ("expected.txt", "args.txt", "exit_code", "deleted.txt", "setup.txt")


def overlay(case: Path, project: Path) -> None:
    for path in case.rglob("*"):
        relative = path.relative_to(case)
        if path.is_dir() or relative.as_posix() in CASE_FILES or relative.parts[0] == "expected-output":
            continue
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    deleted = case / "deleted.txt"
    if deleted.exists():
        for line in deleted.read_text(encoding="utf-8").split():
            (project / line).unlink()


def set_up(case: Path, project: Path, monkeypatch, held: ExitStack) -> None:
    """The directives of setup.txt (see the module's docstring); `held` keeps a lock until the test ends."""
    setup = case / "setup.txt"
    for line in setup.read_text(encoding="utf-8").splitlines() if setup.exists() else []:
        directive, *rest = line.split(" ", 1)
        if directive == "env":
            name, value = rest[0].split(" ", 1)
            monkeypatch.setenv(name, value)
            continue
        if directive == "locked":
            lock = held.enter_context(open(project / ".output.sitegen.lock", "w"))
            fcntl.flock(lock, fcntl.LOCK_EX)
            lock.write("4242\n")
            lock.flush()
            monkeypatch.setattr(limits, "LOCK_WAIT_SECONDS", float(rest[0]))
            continue
        path, *args = rest[0].split(" ", 3) if directive == "expand" else rest[0].split(" ")
        target = project / path
        if directive in ("link", "fifo", "folder") and target.exists():
            target.unlink()
        if directive == "link":
            target.symlink_to(args[0])
        elif directive == "fifo":
            os.mkfifo(target)
        elif directive == "folder":
            target.mkdir()
        elif directive == "sparse":
            with open(target, "wb") as file:
                file.truncate(int(args[0]))
        elif directive == "expand":
            marker, count, text = args
            content = target.read_text(encoding="utf-8")
            target.write_text(content.replace(marker, text.replace("\\n", "\n") * int(count), 1), encoding="utf-8")
        else:
            raise ValueError(f"{case.name}/setup.txt: unknown directive {directive}")


def test_the_corpus_has_at_least_70_broken_cases():
    assert len([c for c in CASES if not c.startswith("ok-")]) >= 70


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path, monkeypatch):
    case = CORPUS / name
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", project)
    monkeypatch.chdir(project)
    runner = CliRunner()
    first = runner.invoke(main, ["build"])
    assert first.exit_code == 0, first.output
    before = snapshot(project / "output")

    overlay(case, project)
    with ExitStack() as held:
        set_up(case, project, monkeypatch, held)
        args = shlex.split((case / "args.txt").read_text(encoding="utf-8")) if (case / "args.txt").exists() else []
        result = runner.invoke(main, ["build", *args], prog_name="sitegen")

    expected_code = int((case / "exit_code").read_text()) if (case / "exit_code").exists() else 1
    assert result.exit_code == expected_code, result.output
    assert "Traceback" not in result.output
    if expected_code == 0:
        if (case / "expected.txt").exists():   # the warnings of a build that succeeds
            assert result.stderr == (case / "expected.txt").read_text(encoding="utf-8")
        expected_output = case / "expected-output"
        for path in sorted(expected_output.rglob("*")) if expected_output.exists() else []:
            if path.is_file():
                relative = path.relative_to(expected_output)
                assert (project / "output" / relative).read_bytes() == path.read_bytes(), relative
        return
    assert result.stderr == (case / "expected.txt").read_text(encoding="utf-8")
    assert snapshot(project / "output") == before


def test_nfd_input_comes_out_nfc(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", project)
    overlay(CORPUS / "ok-nfd", project)
    assert "Đà Nẵng".encode() not in (project / "data" / "localities.csv").read_bytes()  # really NFD
    monkeypatch.chdir(project)
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    page = (project / "output" / "localities" / "da-nang.html").read_text(encoding="utf-8")
    assert "<h1>Đà Nẵng</h1>" in page and "ít nhất 50%" in page
    published = (project / "output" / "data" / "localities.csv").read_text(encoding="utf-8")
    assert "Đà Nẵng" in published


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file whatever its permissions")
def test_unreadable_file(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", project)
    (project / "data" / "sources.csv").chmod(0)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.stderr.startswith("data/sources.csv: cannot read file: Permission denied "
                                    "(check the file's permissions) [unreadable-file]\n")


def test_unreadable_file_even_as_root(tmp_path, monkeypatch):
    """Root reads anything: simulate the OS refusing instead. (Files are opened with os.open,
    which refuses to follow a symlink swapped in after the path was resolved.)"""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", project)
    monkeypatch.chdir(project)
    real = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("sources.csv"):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.stderr == ("data/sources.csv: cannot read file: Permission denied "
                             "(check the file's permissions) [unreadable-file]\n"
                             "1 error found; nothing was built or changed.\n")
