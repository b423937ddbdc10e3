"""In a real browser, the hostile site of tests/test_hostile_content.py runs no script."""

import shutil

import pytest

from tests.helpers import FIXTURES, serve_folder
from tests.test_hostile_content import make_hostile_site

pytestmark = pytest.mark.browser


def test_no_script_runs_in_the_browser(browser, tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", project)
    monkeypatch.chdir(project)
    server = serve_folder(make_hostile_site(project))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in ("localities/da-nang.html", "en/localities/da-nang.html", "sources.html", "index.html",
                     "indicators/bhyt.html"):
            page.goto(base + path)
            page.wait_for_function("() => [...document.querySelectorAll('[data-chart]')]"
                                   ".every(e => e.dataset.rendered)", timeout=15000)
        page.goto(base + "en/localities/da-nang.html")
        page.get_by_text("click me").click()  # its javascript: URL was neutralised
        page.wait_for_timeout(300)
    finally:
        page.close()
        server.shutdown()
    assert dialogs == []
