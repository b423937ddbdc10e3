"""Faults: a build killed while writing, a full disk, a read-only folder. The previous site
survives each of them byte for byte, and the next build succeeds."""

import errno
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen.cli import main

# Runs `sitegen build` with each file write slowed down and announced on stdout, so the test
# can kill the process at a chosen point of the writing phase (or just before the swap).
SLOW_BUILD = textwrap.dedent("""
    import pathlib, sys, time
    import sitegen.writer as writer
    real_write, count = pathlib.Path.write_bytes, [0]
    def announced_write(self, data):
        count[0] += 1
        print(f"write {count[0]}", flush=True)
        time.sleep(0.01)
        return real_write(self, data)
    pathlib.Path.write_bytes = announced_write
    real_swap = writer.swap_in
    def announced_swap(staging, out):
        print("swap", flush=True)
        time.sleep(0.5)
        return real_swap(staging, out)
    writer.swap_in = announced_swap
    from sitegen.cli import main
    main(["build", "--out", "output"])
""")


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_ok():
    result = CliRunner().invoke(main, ["build", "--out", "output"])
    assert result.exit_code == 0, result.output


def kill_when(project: Path, marker: str) -> None:
    """Start a slowed build and SIGKILL it as soon as it prints `marker`."""
    process = subprocess.Popen([sys.executable, "-c", SLOW_BUILD], cwd=project, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for line in process.stdout:
            if line.strip() == marker:
                process.send_signal(signal.SIGKILL)
                break
        else:
            pytest.fail(f"the build finished without printing {marker!r}")
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("marker", ["write 1", "write 25", "write 50", "swap"])
def test_a_build_killed_while_writing_leaves_the_previous_site(mini, marker):
    build_ok()
    before = snapshot(mini / "output")
    (mini / "content" / "vi" / "home.md").write_text("---\ntitle: Mới\n---\nNội dung mới.\n", encoding="utf-8")
    kill_when(mini, marker)
    assert snapshot(mini / "output") == before
    build_ok()  # and the next build succeeds, cleaning up what the killed one left
    assert "Nội dung mới." in (mini / "output" / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in mini.iterdir() if p.name.startswith(".output.")] == []


@pytest.mark.parametrize("code,text", [(errno.ENOSPC, "No space left on device"),
                                       (errno.EROFS, "Read-only file system")])
def test_a_full_or_read_only_disk_is_a_clear_error(mini, monkeypatch, code, text):
    build_ok()
    before = snapshot(mini / "output")
    real_write = Path.write_bytes

    def failing_write(self, data):
        if ".sitegen-new-" in str(self) and self.name == "index.html":
            raise OSError(code, os.strerror(code))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    result = CliRunner().invoke(main, ["build", "--out", "output"])
    assert result.exit_code == 1
    assert result.stderr == (f"output: cannot write the site: {text} (free some space or choose another --out; "
                             "the previous output is unchanged) [write-error]\n"
                             "1 error found; nothing was built or changed.\n")
    assert snapshot(mini / "output") == before
    assert [p.name for p in mini.iterdir() if p.name.startswith(".output.")] == []


def test_an_unwritable_output_parent_is_a_clear_error(mini, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    result = CliRunner().invoke(main, ["build", "--out", "output"])
    assert result.exit_code == 1
    assert result.stderr.startswith("output: cannot write the site: Permission denied")
    assert not (mini / "output").exists()


@pytest.mark.parametrize("out", [".", "..", "data", "content"])
def test_output_over_the_project_or_its_inputs_is_refused(mini, out):
    before = snapshot(mini)
    result = CliRunner().invoke(main, ["build", "--out", out])
    assert result.exit_code == 1
    assert "[unsafe-output]" in result.stderr
    assert snapshot(mini) == before


def test_output_at_the_home_folder_is_refused(mini, monkeypatch, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "letter.txt").write_text("keep me", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    result = CliRunner().invoke(main, ["build", "--out", str(home)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{home}: refusing to replace this folder: it is the project, a home folder "
                                    "or holds the inputs")
    assert (home / "letter.txt").read_text(encoding="utf-8") == "keep me"
