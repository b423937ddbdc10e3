"""Builds into one output folder are serialised: two at the same moment both leave a complete
site (the probe found one without .sitegen, the assets, compare.html and data.html, after which
every build refused to run), and a build that cannot get the lock in time says so."""

import fcntl
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from sitegen import limits
from sitegen.cli import main
from tests.helpers import REPO

PAIRS = 20
# Each file write takes 5 ms longer, so that the two builds of a pair are writing at the same
# time; and each build reports the files it is about to swap in. (Without the lock, the later
# build removed the earlier one's staging folder as a leftover, the earlier one went on writing
# into a re-created, partial folder and swapped that in: the final site was complete only when
# the complete one happened to swap last, so the final state alone would not show the race.)
SLOWED_BUILD = """
import time
from pathlib import Path
import sitegen.writer as writer
real_write, real_swap = writer.Stage.write, writer.swap_in
def slow_write(self, file):
    time.sleep(0.005)
    real_write(self, file)
def reporting_swap(staging, out):
    print("swapping", len([p for p in Path(staging).rglob("*") if p.is_file()]), flush=True)
    real_swap(staging, out)
writer.Stage.write, writer.swap_in = slow_write, reporting_swap
from sitegen.cli import main
main(["build", "--out", "output"])
"""
BUILD = [sys.executable, "-c", SLOWED_BUILD]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_twenty_pairs_of_concurrent_builds_each_leave_a_complete_site(mini):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.run(BUILD, cwd=mini, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    complete = snapshot(mini / "output")   # the build is deterministic: every build gives these bytes
    assert {".sitegen", "compare.html", "data.html", "assets/site.css"} <= set(complete)
    for pair in range(PAIRS):
        builds = [subprocess.Popen(BUILD, cwd=mini, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True) for _ in range(2)]
        for build in builds:
            stdout, stderr = build.communicate(timeout=120)
            assert build.returncode == 0 and "Traceback" not in stderr, (pair, stderr)
            assert stdout.splitlines()[0] == f"swapping {len(complete)}", (pair, stdout)   # its own site, whole
        assert snapshot(mini / "output") == complete, pair
        assert sorted(p.name for p in mini.iterdir() if p.name.startswith(".output.")) == [], pair


def test_a_build_that_waits_too_long_for_the_lock_stops_and_changes_nothing(mini, monkeypatch):
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    before = snapshot(mini / "output")
    monkeypatch.setattr(limits, "LOCK_WAIT_SECONDS", 0.3)
    with open(mini / ".output.sitegen.lock", "w") as held:   # another build holds the lock
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.stderr == ("output: another sitegen build (process 4242) is writing this folder; gave up after "
                             "waiting 0.3 s (build again once it has finished) [output-busy]\n"
                             "1 error found; nothing was built or changed.\n")
    assert snapshot(mini / "output") == before
    assert CliRunner().invoke(main, ["build"]).exit_code == 0   # the lock is free again: the next build runs
    assert not (mini / ".output.sitegen.lock").exists()


def test_a_lock_file_left_by_a_killed_build_does_not_block(mini):
    (mini / ".output.sitegen.lock").write_text("99999\n", encoding="utf-8")   # flock died with its process
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    assert not (mini / ".output.sitegen.lock").exists()
