"""-q/--quiet, -v/--verbose, and the progress line a terminal shows for slow builds only."""

from __future__ import annotations

import io

from click.testing import CliRunner

from sitegen import reporting
from sitegen.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_quiet_prints_errors_only(mini):
    result = run("build", "-q")
    assert result.exit_code == 0 and result.output == ""
    assert run("check", "--quiet").output == ""
    broken = run("check", "-q", "--data", "nowhere")
    assert broken.exit_code == 1 and broken.stderr.startswith("nowhere: data folder not found")


def test_verbose_says_which_warnings_were_accepted_and_the_stage_times(mini):
    (mini / "sitegen.toml").write_text('[[accepted_warnings]]\ncode = "part-sum"\nlocality = "tra-vinh"\n'
                                       'indicator = "bhxh"\nperiod = "2023"\nreason = "As printed."\n')
    result = run("check", "-v")
    assert result.exit_code == 0
    accepted = [line for line in result.stderr.splitlines() if line.startswith("accepted in sitegen.toml: ")]
    assert accepted == ["accepted in sitegen.toml: data/observations.csv:9: warning: Tra Vinh City, target 2023: "
                        "mandatory social insurance + voluntary social insurance = 29%, but social insurance is "
                        "stated as 29.72% (49/KH-BCĐ). [part-sum]"]
    assert "[part-sum]" not in result.stderr.replace(accepted[0], "")   # not also listed as a new warning
    build = run("build", "-v")
    stages = [line.split()[-1] for line in build.stderr.splitlines() if line.endswith(("reading", "analysing",
                                                                                         "rendering", "writing"))]
    assert stages == ["reading", "analysing", "rendering", "writing"]


def test_no_progress_line_when_stderr_is_not_a_terminal(mini):
    result = run("build")
    assert "\r" not in result.output and "…" not in result.stderr


def test_the_progress_line_appears_after_two_seconds_only(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(reporting.click, "echo", lambda text, err=False, nl=True: out.write(text + ("\n" if nl else "")))
    clock = iter([0.0, 0.5, 2.5, 2.6, 2.7])
    monkeypatch.setattr(reporting.time, "monotonic", lambda: next(clock))
    progress = reporting.Progress(enabled=True)          # started at 0.0
    progress("reading")                                  # 0.5 s: too early to bother
    progress("rendering", 20, 56)                        # 2.5 s
    progress("writing")                                  # 2.6 s
    progress.done()
    assert out.getvalue() == "\r\033[Krendering… 20/56\r\033[Kwriting…\r\033[K"
