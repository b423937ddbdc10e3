"""workers.py runs a build's jobs side by side; the writer refuses two files for one path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from markupsafe import escape as jinja_escape

from sitegen import fragments, workers
from sitegen.errors import Issue, SitegenError
from sitegen.writer import OutputFile, Stage


def square_or_fail(shared: dict, job: int) -> tuple[int, int]:
    if job in shared["fail"]:
        raise SitegenError(f"job {job} failed", [Issue("data/x.csv", job, "value", "bad", f"problem {job}")])
    return job * job, os.getpid()


def test_jobs_run_in_other_processes_and_come_back_in_order(monkeypatch):
    monkeypatch.setattr(workers, "worker_count", lambda jobs: 2)
    results = workers.run_all(square_or_fail, {"fail": set()}, [3, 1, 2, 5])
    assert [value for value, _ in results] == [9, 1, 4, 25]
    assert os.getpid() not in {pid for _, pid in results}


@pytest.mark.parametrize("count", [1, 2])
def test_the_first_jobs_error_is_raised_whole_as_if_the_jobs_ran_in_turn(monkeypatch, count):
    monkeypatch.setattr(workers, "worker_count", lambda jobs: count)
    with pytest.raises(SitegenError) as raised:
        workers.run_all(square_or_fail, {"fail": {2, 5}}, [1, 2, 5])
    assert raised.value.format_message() == "data/x.csv:2: column 'value': problem 2 [bad]\njob 2 failed"


def test_one_cpu_or_other_threads_mean_no_workers(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert workers.worker_count(3) == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr(workers.threading, "active_count", lambda: 2)   # e.g. `sitegen serve`'s web server
    assert workers.worker_count(3) == 1


def test_a_second_file_for_one_path_is_an_error_not_a_replacement(tmp_path: Path):
    stage = Stage(tmp_path)
    stage.write(OutputFile("data/charts/a.csv", b"first"))
    with pytest.raises(SitegenError) as raised:
        stage.write(OutputFile("data/charts/a.csv", b"second"))
    assert "two files would be written to data/charts/a.csv" in raised.value.format_message()
    assert (tmp_path / "data" / "charts" / "a.csv").read_bytes() == b"first"


@pytest.mark.parametrize("text", ["Đà Nẵng", "<script>&\"'</script>", "a & b", ""])
def test_fragments_escape_as_jinja_does(text):
    assert fragments.escape(text) == fragments.replace_escape(text) == str(jinja_escape(text))


@pytest.mark.parametrize("count", [1, 2])
def test_the_reported_file_count_is_what_the_site_holds_with_or_without_workers(mini, monkeypatch, count):
    from click.testing import CliRunner

    from sitegen.cli import main
    from sitegen.writer import MARKER

    monkeypatch.setattr(workers, "worker_count", lambda jobs: count)
    result = CliRunner().invoke(main, ["build", "--out", "output", "--base-url", "https://example.org/site/"])
    on_disk = [path for path in (mini / "output").rglob("*") if path.is_file() and path.name != MARKER]
    assert result.exit_code == 0, result.output
    assert f"({len(on_disk)} files) in output/" in result.stdout
