"""The live preview in a real browser: `sitegen serve` on a copy of the mini project picks up a CSV
edit and a Markdown edit, reloads the open page within two seconds, shows a broken CSV's error
and recovers on the next good save; the built site never contains the reload script."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.helpers import FIXTURES, REPO, replace_line

pytestmark = pytest.mark.browser
# Long enough for a rebuild on a loaded machine (the README's figure, about a second, is the
# usual): this checks that an edit reloads the page, not how fast (no timing tests).
RELOAD_WITHIN_MS = 15_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    """`sitegen serve` in a subprocess on a copy of the mini project: (project folder, base URL)."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", project)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    process = subprocess.Popen([sys.executable, "-c", "from sitegen.cli import main; main()", "serve", "--port",
                                str(port)], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "__sitegen/build").read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("sitegen serve did not start: " + process.stderr.read().decode())
            time.sleep(0.1)
    yield project, base, process
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def test_edits_reload_the_page_and_errors_show_until_fixed(browser, preview):
    from playwright.sync_api import expect

    project, base, process = preview
    observations, commentary = project / "data" / "observations.csv", project / "content" / "vi" / "localities" / "da-nang.md"
    page = browser.new_page()
    try:
        page.goto(base + "localities/da-nang.html")
        main = page.locator("main")
        expect(main).to_contain_text("Đà Nẵng đặt mục tiêu")
        expect(main).not_to_contain_text("96,25%")
        time.sleep(0.5)   # the watcher is running

        replace_line(observations, "da-nang,,bhyt,2025,target,99,percent,exact,dn-plan,đạt 99%",
                     "da-nang,,bhyt,2025,target,96.25,percent,exact,dn-plan,\"đạt 96,25%\"")
        expect(main).to_contain_text("96,25%", timeout=RELOAD_WITHIN_MS)

        replace_line(commentary, "Đà Nẵng đặt mục tiêu", "Đà Nẵng vừa sửa mục tiêu")
        expect(main).to_contain_text("Đà Nẵng vừa sửa mục tiêu", timeout=RELOAD_WITHIN_MS)

        replace_line(observations, "target,96.25,percent", 'target,"96,25",percent')
        errors = page.locator("ul.sitegen-errors")
        expect(errors).to_contain_text("data/observations.csv:8", timeout=RELOAD_WITHIN_MS)
        expect(errors).to_contain_text("expected a number, got '96,25'")

        replace_line(observations, 'target,"96,25",percent', "target,96.25,percent")
        expect(page.locator("main")).to_contain_text("Đà Nẵng vừa sửa mục tiêu", timeout=RELOAD_WITHIN_MS)
        expect(page.locator("main")).to_contain_text("96,25%")
    finally:
        page.close()
    polluted = [p.relative_to(project).as_posix() for p in (project / "output").rglob("*")
                if p.is_file() and b"__sitegen" in p.read_bytes()]
    assert polluted == []
    process.send_signal(signal.SIGINT)   # Ctrl+C: a clean stop, no traceback
    assert process.wait(timeout=10) == 0
    out, err = process.communicate()
    assert out.decode().endswith("Stopped.\n") and b"Traceback" not in err


def test_a_rebuild_while_serving_runs_under_the_time_limits(preview):
    """A catastrophic pattern saved while serving stops the rebuild with [slow-pattern] (the
    limit is a signal: the rebuilds must run in the main thread), and the server answers meanwhile."""
    project, base, process = preview
    time.sleep(0.5)   # the watcher is running
    case = REPO / "tests" / "broken" / "descriptor-catastrophic-pattern" / "data"
    for name in ("datapackage.json", "observations.csv"):
        shutil.copyfile(case / name, project / "data" / name)
    deadline = time.monotonic() + 30
    while b'"ok": false' not in urllib.request.urlopen(base + "__sitegen/build", timeout=5).read():
        assert time.monotonic() < deadline, "the rebuild did not stop"
        time.sleep(0.2)
    with pytest.raises(urllib.error.HTTPError) as failed:   # the page of the build's errors, status 500
        urllib.request.urlopen(base + "index.html", timeout=5)
    assert "took more than 2 s" in failed.value.read().decode()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    out, err = process.communicate()
    assert out.decode().endswith("Stopped.\n") and b"Traceback" not in err
