"""`sitegen check` as a curator runs it: exit codes and exact messages."""

from click.testing import CliRunner

from sitegen import __version__
from sitegen.cli import main
from tests.helpers import REPO, replace_line


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_version_and_help():
    assert run("--version").output == f"sitegen, version {__version__}\n"
    result = run("--help")
    assert result.exit_code == 0 and "check" in result.output


def test_check_reports_warnings_but_passes(mini):
    result = run("check")
    assert result.exit_code == 0
    assert result.stdout == "data: 39 figures OK, 5 consistency warning(s).\n"
    # 26% + 3% = 29%; 17,404 ÷ 29.72% = 58,560 and 15,647 ÷ 26% = 60,181; 1,888 + 3,259 = 5,147
    assert result.stderr == (
        "data/observations.csv:8: warning: Da Nang, health insurance, 2025: 546/QĐ-TTg, 29 April 2022 sets a "
        "target of 95.15%, 64/KH-UBND, 12 April 2021 one of 99% (both are kept; the methodology says which one "
        "counts). [target-disagreement]\n"
        "data/observations.csv:9: warning: Tra Vinh City, target 2023: mandatory social insurance + voluntary social "
        "insurance = 29%, but social insurance is stated as 29.72% (49/KH-BCĐ). [part-sum]\n"
        "data/observations.csv:13: warning: Tra Vinh City, target 2023: the counts and rates imply different "
        "denominators: social insurance implies 58,560 (17,404 ÷ 29.72%) but mandatory social insurance implies "
        "60,181 (15,647 ÷ 26%) (49/KH-BCĐ). [denominator-mismatch]\n"
        "data/observations.csv:13: warning: Tra Vinh City, mandatory social insurance, target 2023: the 2 wards or "
        "communes add up to 5,147 people, but the stated total is 15,647 people (49/KH-BCĐ). [subdivision-sum]\n"
        "data/observations.csv:29: warning: Viet Nam, social insurance, 2021: 28-NQ/TW, 23 May 2018 sets a target "
        "of 35%, 1234/QĐ-BHXH, 15 January 2018 one of 35.6% (both are kept; the methodology says which one "
        "counts). [target-disagreement]\n")


def test_strict_turns_warnings_into_failure(mini):
    result = run("check", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "5 warnings and --strict given; nothing was built or changed."


def test_errors_exit_1_with_every_line_and_no_traceback(mini):
    replace_line(mini / "data" / "observations.csv", "target,29.72,percent", 'target,"29,72",percent')
    replace_line(mini / "data" / "observations.csv", "da-nang,,bhyt,2025", "danang,,bhyt,2025")
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "data/observations.csv:8: column 'locality': 'danang' is not an id in data/localities.csv "
        "(did you mean 'da-nang'?) [unknown-reference]\n"
        "data/observations.csv:9: column 'value': expected a number, got '29,72' "
        "(use 29.72: a dot for decimals) [type-error]\n"
        "2 errors found; nothing was built or changed.\n")
    assert "Traceback" not in result.output


def test_missing_data_folder_is_a_clear_error(mini):
    result = run("check", "--data", "nowhere")
    assert result.exit_code == 1
    assert result.stderr.startswith("nowhere: data folder not found (pass --data DIR) [missing-folder]\n")


def test_bad_usage_exits_2():
    assert run("check", "--no-such-option").exit_code == 2


def test_bundled_data_passes_check(monkeypatch):
    monkeypatch.chdir(REPO)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "figures OK" in result.stdout


def test_the_installed_program_exits_with_the_commands_code_and_all_its_output(mini):
    """`sitegen` is cli.run, which leaves without tearing the interpreter down: the exit code and
    every line written to a pipe must survive that."""
    import subprocess
    import sys

    program = [sys.executable, "-c", "from sitegen.cli import run; run()"]
    passed = subprocess.run([*program, "check"], cwd=mini, capture_output=True, text=True)
    assert (passed.returncode, passed.stdout) == (0, "data: 39 figures OK, 5 consistency warning(s).\n")
    assert passed.stderr == run("check").stderr and passed.stderr.count("\n") == 5   # every warning, whole
    failed = subprocess.run([*program, "check", "--data", "nowhere"], cwd=mini, capture_output=True, text=True)
    assert failed.returncode == 1
    assert failed.stderr.startswith("nowhere: data folder not found (pass --data DIR) [missing-folder]\n")
    usage = subprocess.run([*program, "build", "--no-such-option"], cwd=mini, capture_output=True, text=True)
    assert usage.returncode == 2 and "Error: No such option '--no-such-option'." in usage.stderr
