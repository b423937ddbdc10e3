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
from sitegen.writer import Stage

# Runs `sitegen build` with each file write slowed down and announced on stdout, so the test
# can kill the process at a chosen point of the writing phase (or just before the swap).
SLOW_BUILD = textwrap.dedent("""
    import sys, time
    import sitegen.writer as writer
    real_write, count = writer.Stage.write, [0]
    def announced_write(self, file):
        count[0] += 1   # per process: the build's workers count on from where the build was
        print(f"write {count[0]}", flush=True)
        time.sleep(0.01)
        return real_write(self, file)
    writer.Stage.write = announced_write
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


@pytest.mark.parametrize("marker", ["write 1", "write 20", "write 40", "swap"])
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
    real_write = Stage.write

    def failing_write(self, file):
        if file.path == "index.html":
            raise OSError(code, os.strerror(code))
        return real_write(self, file)

    monkeypatch.setattr(Stage, "write", failing_write)
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


# Ctrl-C: before the swap nothing changes and the build says so (exit 130); from the swap on the
# build has succeeded, so it says that (it printed "Aborted!" and exited 1 after the new site
# was already in place). A build announces its stages on stdout; the test sends SIGINT on one.
ANNOUNCED_BUILD = textwrap.dedent("""
    import importlib.abc, os, sys, time
    import sitegen.writer as writer

    class SlowPandas(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "pandas":
                print("importing pandas", flush=True)
                # Ctrl-C ends the sleep; long, so that a loaded machine's late signal still lands here
                time.sleep(10 if os.environ["INTERRUPT_ON"] == "importing pandas" else 0)
            return None

    sys.meta_path.insert(0, SlowPandas())
    real_write, real_swap = writer.Stage.write, writer.swap_in
    def announced_write(self, file):
        print("write", flush=True)
        time.sleep(0.01)
        real_write(self, file)
    def announced_swap(staging, out):
        real_swap(staging, out)
        print("swapped", flush=True)
        time.sleep(1)
    writer.Stage.write, writer.swap_in = announced_write, announced_swap
    from sitegen.cli import main
    main(["build", "--out", "output"])
""")


def interrupt_when(project: Path, marker: str) -> subprocess.CompletedProcess:
    process = subprocess.Popen([sys.executable, "-c", ANNOUNCED_BUILD], cwd=project, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "INTERRUPT_ON": marker})
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.strip() == marker:
            process.send_signal(signal.SIGINT)
            break
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, "".join(lines) + stdout, stderr)


@pytest.mark.parametrize("marker", ["importing pandas", "write"])
def test_ctrl_c_before_the_swap_changes_nothing_and_says_so(mini, marker):
    build_ok()
    before = snapshot(mini / "output")
    (mini / "content" / "vi" / "home.md").write_text("---\ntitle: Mới\n---\nNội dung mới.\n", encoding="utf-8")
    result = interrupt_when(mini, marker)
    assert result.returncode == 130
    assert result.stderr == "Interrupted; nothing was built or changed (output/ is as it was).\n"
    assert snapshot(mini / "output") == before
    assert [p.name for p in mini.iterdir() if p.name.startswith(".output.")] == []


def test_ctrl_c_after_the_swap_reports_the_build_that_succeeded(mini):
    built = CliRunner().invoke(main, ["build", "--out", "output"]).stdout   # "Built 26 pages (57 files) in output/"
    (mini / "content" / "vi" / "home.md").write_text("---\ntitle: Mới\n---\nNội dung mới.\n", encoding="utf-8")
    result = interrupt_when(mini, "swapped")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == built.strip()
    assert result.stderr.splitlines()[-1] == ("(Ctrl-C came once the new site was in place: the build had already "
                                              "succeeded.)")
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr
    assert "Nội dung mới." in (mini / "output" / "index.html").read_text(encoding="utf-8")
    assert (mini / "output" / ".sitegen").is_file()


def test_an_output_that_is_a_symlink_stays_one(mini, tmp_path):
    site = tmp_path / "www" / "site"
    site.mkdir(parents=True)
    (mini / "public").symlink_to(site)
    for _ in range(2):   # the first build fills the empty folder, the second replaces the site
        result = CliRunner().invoke(main, ["build", "--out", "public"])
        assert result.exit_code == 0, result.output
        assert (mini / "public").is_symlink() and (site / ".sitegen").is_file() and (site / "index.html").is_file()
    assert [p.name for p in site.parent.iterdir()] == ["site"]   # no staging folder or lock left beside it


def test_an_output_that_is_a_dangling_symlink_is_refused(mini):
    (mini / "public").symlink_to(mini / "nowhere")
    result = CliRunner().invoke(main, ["build", "--out", "public"])
    assert result.exit_code == 1
    assert result.stderr == (f"public: is a symbolic link to {mini / 'nowhere'}, which does not exist (create the "
                             "folder it points to, or remove the link) [unsafe-output]\n"
                             "1 error found; nothing was built or changed.\n")
    assert not (mini / "nowhere").exists()
